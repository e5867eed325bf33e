"""Page: the trainer's dashboard. Behind the trainer passcode: create and close workshops,
watch the class live (who is practising, first / best / latest scores per trainee, per-rule
results, the weakest rule, any transcript), export, and author or import scenarios."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coach.checking.profile import CustomRule
from coach.checking.rules import RULES_BY_ID
from coach.export import export_csv, export_json
from coach.scenarios.library import (
    ScenarioError,
    load_scenarios,
    scenario_from_yaml,
    scenario_to_yaml,
)
from coach.scenarios.schema import Difficulty
from coach.store.dashboard import Dashboard, workshop_dashboard
from coach.store.engine import Store
from coach.store.rehearsals import get_rehearsal
from coach.store.scenarios import all_scenarios, list_custom_scenarios, save_custom_scenario
from coach.store.workshops import (
    WorkshopInfo,
    list_participants,
    list_workshops,
    workshop_by_id,
)
from coach.workshops import (
    MIN_PASSCODE,
    AccessDenied,
    RateLimited,
    TrainerGate,
    TrainerPass,
    close,
    create_workshop,
    format_code,
    revoke,
    trainer_gate,
)
from ui import browser, common

TRAINER_KEY = "trainer_pass"
SIGN_IN_PARAM = "signin"
REFRESH_S = 5


def render() -> None:
    st.title("Trainer dashboard")
    store = common.store()
    if store is None:
        st.info("The dashboard needs the database; see the notice above.")
        return
    gate = trainer_gate(store, common.settings().coach_trainer_passcode)
    if (link := st.query_params.get(SIGN_IN_PARAM)) is not None:
        st.query_params.pop(SIGN_IN_PARAM, None)  # one-time, and out of the address bar
        if (redeemed := gate.redeem(link)) is not None:
            st.session_state[TRAINER_KEY] = redeemed
        else:
            st.error("That sign-in link is used, expired or not valid. Make a new one.")
    trainer: TrainerPass | None = st.session_state.get(TRAINER_KEY)
    try:
        gate.check(trainer)
    except AccessDenied:
        _login(gate)
        return
    assert trainer is not None
    workshops_tab, scenarios_tab = st.tabs(["Workshops", "Scenarios"])
    with workshops_tab:
        _workshops(store, gate, trainer)
    with scenarios_tab:
        _scenarios(store)
    if st.button("Sign out", icon=":material/logout:"):
        gate.logout(trainer)
        st.session_state.pop(TRAINER_KEY, None)
        st.rerun()


def _login(gate: TrainerGate) -> None:
    if gate.too_short:
        st.error(
            f"The trainer passcode is too short: use at least {MIN_PASSCODE} characters in "
            "`COACH_TRAINER_PASSCODE` and restart the app. Workshops are off until then."
        )
        return
    if not gate.configured:
        st.info(
            "No trainer passcode is set. Set `COACH_TRAINER_PASSCODE` in `.env` or "
            "`.streamlit/secrets.toml` and restart the app to run workshops."
        )
        return
    with st.form("trainer_login"):
        attempt = st.text_input("Trainer passcode", type="password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    try:
        trainer = gate.login(attempt, browser.rate_key())
    except RateLimited as exc:
        st.error(
            f"Too many attempts. Try again in {exc.retry_after:.0f} seconds, or run "
            "`coach trainer-link` on the server for a one-time sign-in link."
        )
        return
    if trainer is None:
        st.error("That passcode is not right.")
        return
    st.session_state[TRAINER_KEY] = trainer
    st.rerun()


# --- workshops -------------------------------------------------------------------------


def _workshops(store: Store, gate: TrainerGate, trainer: TrainerPass) -> None:
    with st.expander("New workshop", icon=":material/add:", expanded=not list_workshops(store)):
        _create_form(store, gate, trainer)
    workshops = {w.id: w for w in list_workshops(store)}
    if not workshops:
        st.caption("No workshops yet.")
        return
    wid = st.selectbox(
        "Workshop",
        list(workshops),
        format_func=lambda i: (
            f"{workshops[i].name} · {format_code(workshops[i].code)}"
            + ("" if workshops[i].is_open else " (closed)")
        ),
    )
    w = workshops[wid or next(iter(workshops))]
    cols = st.columns([3, 1], vertical_alignment="center")
    cols[0].markdown(f"Join code: **`{format_code(w.code)}`** · difficulty {w.difficulty}")
    if w.is_open and cols[1].button("Close workshop", icon=":material/lock:"):
        close(store, gate, trainer, w.id)
        st.rerun()
    if not w.is_open:
        cols[1].caption("Closed: trainees are signed out; results stay.")
    _access(store, gate, trainer, w.id)
    _live(store, w.id)


def _access(store: Store, gate: TrainerGate, trainer: TrainerPass, workshop_id: int) -> None:
    """Withdraw one trainee's access (a lost or shared device); their results stay."""
    active = {p.id: p for p in list_participants(store, workshop_id) if p.revoked_at is None}
    if not active:
        return
    with st.expander("Trainee access", icon=":material/key:"):
        pid = st.selectbox(
            "Trainee", list(active), format_func=lambda i: active[i].display_name, key="revoke"
        )
        if pid is not None and st.button("Revoke access", icon=":material/block:"):
            revoke(store, gate, trainer, pid)
            st.success(f"{active[pid].display_name} is signed out everywhere.")


def _create_form(store: Store, gate: TrainerGate, trainer: TrainerPass) -> None:
    scenarios = all_scenarios(store)
    with st.form("new_workshop", clear_on_submit=True):
        name = st.text_input("Name", placeholder="Client exits — March cohort")
        picked = st.multiselect(
            "Scenarios", list(scenarios), format_func=lambda s: scenarios[s].title
        )
        difficulty = st.selectbox("Difficulty", [d.value for d in Difficulty], index=1)
        forbid = st.text_area(
            "Phrases trainees must never use (one per line)",
            placeholder="promise a refund\nguarantee",
        )
        require = st.text_area("Phrases trainees must use (one per line)")
        submitted = st.form_submit_button("Create", type="primary")
    if not submitted:
        return
    try:
        w = create_workshop(
            store, gate, trainer, name, picked, difficulty or "defensive",
            _custom_rules(forbid, require),
        )  # fmt: skip
    except ValueError as exc:
        st.error(str(exc))
        return
    st.success(f"Workshop created. Join code: **{format_code(w.code)}**")


def _custom_rules(forbid: str, require: str) -> list[CustomRule]:
    rules = []
    never = [p.strip() for p in forbid.splitlines() if p.strip()]
    must = [p.strip() for p in require.splitlines() if p.strip()]
    if never:
        rules.append(
            CustomRule(
                id="workshop_forbidden",
                title="Company policy: phrases to avoid",
                message="Company policy forbids: " + "; ".join(never),
                forbid=never,
            )
        )
    if must:
        rules.append(
            CustomRule(
                id="workshop_required",
                title="Company policy: required wording",
                message="Company policy requires: " + "; ".join(must),
                require=must,
            )
        )
    return rules


@st.fragment(run_every=REFRESH_S)
def _live(store: Store, workshop_id: int) -> None:
    """Re-runs on its own every few seconds, so the trainer sees results as they come."""
    w = workshop_by_id(store, workshop_id)
    if w is None:
        return
    d = workshop_dashboard(store, w)
    titles = rule_titles(w)
    m = st.columns(3)
    m[0].metric("Trainees", len(d.trainees))
    m[1].metric("Practising now", len(d.practising))
    m[2].metric("Weakest rule", titles.get(d.weakest_rule or "", d.weakest_rule or "—"))
    if not d.trainees:
        st.caption(f"Nobody has joined yet. Share the code {format_code(w.code)}.")
        return
    st.dataframe(_trainee_table(d, titles), hide_index=True, width="stretch")
    _charts(d, titles)
    _transcripts(store, d)
    c = st.columns(2)
    c[0].download_button(
        "Download CSV", export_csv(store, w.code), f"workshop-{w.code}.csv", "text/csv"
    )
    c[1].download_button(
        "Download JSON", export_json(store, w.code), f"workshop-{w.code}.json", "application/json"
    )


def _trainee_table(d: Dashboard, titles: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for t in d.trainees:
        row: dict[str, Any] = {
            "Trainee": t.participant.display_name,
            "Now": "practising" if t.practising else "",
            "Attempts": len(t.attempts),
            "First": t.first.score if t.first else None,
            "Best": t.best.score if t.best else None,
            "Latest": t.latest.score if t.latest else None,
            "Last active": t.last_active.strftime("%H:%M:%S") if t.last_active else "",
        }
        for rule_id in d.pass_rates:
            passed = t.latest.passed.get(rule_id) if t.latest else None
            row[titles.get(rule_id, rule_id)] = "" if passed is None else ("✓" if passed else "✗")
        rows.append(row)
    return rows


def rule_titles(w: WorkshopInfo) -> dict[str, str]:
    """Every rule's title, the workshop's company rules included: no ids on screen."""
    titles = {rid: rule.title for rid, rule in RULES_BY_ID.items()}
    titles.update({str(r["id"]): str(r.get("title") or r["id"]) for r in w.custom_rules})
    return titles


def _charts(d: Dashboard, titles: dict[str, str]) -> None:
    left, right = st.columns(2)
    points = [
        {"Trainee": t.participant.display_name, "Attempt": i, "Score": a.score}
        for t in d.trainees
        for i, a in enumerate(t.attempts, 1)
    ]
    with left:
        if any(len(t.attempts) > 1 for t in d.trainees):
            st.markdown("**Scores over attempts**")
            frame = pd.DataFrame(points).pivot_table(
                index="Attempt", columns="Trainee", values="Score"
            )
            st.line_chart(frame, y_label="score")
        elif points:  # one attempt each: a line needs two points, so compare trainees
            st.markdown("**Score per trainee** (one attempt each so far)")
            scores = pd.Series({p["Trainee"]: p["Score"] for p in points}, name="score")
            st.bar_chart(scores, y_label="score")
    with right:
        st.markdown("**Class pass rate per rule** (latest attempts)")
        if d.pass_rates:
            rates = {titles.get(k, k): round(v * 100) for k, v in d.pass_rates.items()}
            st.bar_chart(pd.Series(rates, name="% passed"), horizontal=True)


def _transcripts(store: Store, d: Dashboard) -> None:
    attempts = {
        a.rehearsal_id: f"{t.participant.display_name} · {a.started_at:%H:%M} · {a.scenario_id}"
        for t in d.trainees
        for a in t.attempts
    }
    if not attempts:
        return
    pick = st.selectbox("Open a transcript", list(attempts), format_func=attempts.__getitem__)
    if not pick:
        return
    r = get_rehearsal(store, pick)
    with st.container(border=True, height=400):
        if opening := r.state.get("opening"):
            st.markdown(f"**Client:** {common.plain(opening)}")
        for t in r.turns:
            st.markdown(f"**Trainee** (score {t.score}): {common.plain(t.sent)}")
            st.markdown(f"**Client:** {common.plain(t.client_reply)}")


# --- scenarios -------------------------------------------------------------------------


def _scenarios(store: Store) -> None:
    custom = list_custom_scenarios(store)
    st.markdown("#### Your scenarios")
    if custom:
        for s in custom:
            st.markdown(f"- **{s.title}** ({s.situation.label}; id `{s.id}`)")
    else:
        st.caption("None yet: write one below or import a scenario file.")
    everything = all_scenarios(store)
    template = scenario_to_yaml(next(iter(everything.values()))) if everything else ""
    with st.form("author_scenario"):
        text = st.text_area(
            "Scenario (YAML)", value=template, height=320,
            help="Change the id, then edit the persona, incidents and difficulty levels.",
        )  # fmt: skip
        submitted = st.form_submit_button("Validate and save", type="primary")
    if submitted:
        _save_yaml(store, text, "your scenario")
    for upload in (
        st.file_uploader("Import scenario files", type=["yaml", "yml"], accept_multiple_files=True)
        or []
    ):
        _save_yaml(store, upload.getvalue().decode("utf-8", errors="replace"), upload.name)
    if everything:
        sid = st.selectbox("Export a scenario", list(everything))
        if sid:
            st.download_button(
                "Download YAML", scenario_to_yaml(everything[sid]), f"{sid}.yaml", "text/yaml"
            )


def _save_yaml(store: Store, text: str, source: str) -> None:
    try:
        scenario = scenario_from_yaml(text, source)
    except ScenarioError as exc:
        st.error(str(exc))
        return
    if scenario.id in load_scenarios(common.settings().coach_scenarios_dir):
        st.error(f"{source}: id `{scenario.id}` belongs to a library scenario; choose another.")
        return
    save_custom_scenario(store, scenario)
    st.success(f"Saved scenario `{scenario.id}`.")
