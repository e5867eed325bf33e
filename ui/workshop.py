"""Page: a trainee joins a workshop with its code and a display name, practises its
scenarios (the rehearsal opens on the Rehearse page and is saved under their name), and
sees their own earlier sessions. Their secret token stays in this browser (session and
cookie, see `ui.browser`), never in the address bar; only its hash is stored. A link with
`?p=<token>` still signs in once, and the token then leaves the address bar."""

from __future__ import annotations

import streamlit as st

from coach.recorder import StoreRecorder, load_rehearsal
from coach.rehearsal import Rehearsal
from coach.store.results import attempt_result, workshop_profile
from coach.store.scenarios import all_scenarios
from coach.workshops import (
    JoinError,
    RateLimited,
    Trainee,
    format_code,
    join,
    own_rehearsals,
)
from ui import browser, common, nav

TOKEN_PARAM = "p"
REHEARSAL_KEY = "rehearsal"  # the Rehearse page's session key for the open rehearsal


def render() -> None:
    st.title("Workshop")
    store = common.store()
    if store is None:
        st.info("Workshops need the database; see the notice above.")
        return
    if (from_link := st.query_params.get(TOKEN_PARAM)) is not None:
        st.query_params.pop(TOKEN_PARAM, None)  # out of the address bar and history
        browser.sign_in_trainee(from_link)
    me, why_not = browser.signed_in_trainee(store)
    if why_not is not None:
        st.warning(f"You are signed out: {why_not}. Join again with a code if you have one.")
    if me is None:
        _join_form()
        return
    _trainee_view(me, str(browser.trainee_token()))


def _join_form() -> None:
    st.caption(
        "Your trainer gives you a join code. Enter it with the name the trainer will see "
        "next to your results."
    )
    with st.form("join"):
        code = st.text_input("Join code", placeholder="ABCD-EFGH", max_chars=12)
        name = st.text_input("Your display name", max_chars=80)
        submitted = st.form_submit_button("Join", type="primary")
    if not submitted:
        return
    store = common.store()
    assert store is not None
    try:
        me, token = join(store, code, name, browser.rate_key())
    except JoinError as exc:
        st.error(str(exc))
        return
    except RateLimited as exc:
        st.error(f"Too many attempts. Try again in {exc.retry_after:.0f} seconds.")
        return
    browser.sign_in_trainee(token)
    st.success(f"Welcome, {me.participant.display_name}!")
    st.rerun()


def _trainee_view(me: Trainee, token: str) -> None:
    w = me.workshop
    st.subheader(w.name)
    st.caption(
        f"Signed in as **{me.participant.display_name}** · code {format_code(w.code)} · "
        f"difficulty {w.difficulty}" + ("" if w.is_open else " · this workshop is closed")
    )
    st.caption(
        "This browser keeps you signed in until the workshop ends. On a shared computer, "
        "use **Leave this workshop** below when you are done."
    )
    store = common.store()
    assert store is not None
    scenarios = all_scenarios(store)
    st.markdown("#### Practise")
    for sid in w.scenario_ids:
        scenario = scenarios.get(sid)
        if scenario is None:
            st.warning(f"Scenario `{sid}` is not available on this server.")
            continue
        cols = st.columns([4, 1], vertical_alignment="center")
        cols[0].markdown(f"**{scenario.title}** — {scenario.summary}")
        if cols[1].button("Start", key=f"start_{sid}", disabled=not w.is_open):
            rec = StoreRecorder(store, workshop_id=w.id, participant_id=me.participant.id)
            profile = workshop_profile(w.custom_rules) if w.custom_rules else None
            with st.spinner(f"Calling {scenario.persona.name}…"):
                r = Rehearsal.start(scenario, w.difficulty, common.engine(), rec, profile=profile)
            _open(r)
    _own_sessions(me, token)
    if st.button("Leave this workshop on this device", icon=":material/logout:"):
        browser.sign_out_trainee()
        st.rerun()


def _own_sessions(me: Trainee, token: str) -> None:
    store = common.store()
    assert store is not None
    st.markdown("#### Your sessions")
    mine = own_rehearsals(store, token)
    if not mine:
        st.caption("No sessions yet. Start one above.")
        return
    profile = workshop_profile(me.workshop.custom_rules)
    rows = []
    for r in mine:
        res = attempt_result(r, profile)
        rows.append(
            {
                "Started": r.started_at.strftime("%Y-%m-%d %H:%M"),
                "Scenario": r.scenario_id,
                "Turns": len(r.turns),
                "Score": res.score,
                "Status": r.status,
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    labels = {r.id: f"{r.started_at:%Y-%m-%d %H:%M} · {r.scenario_id}" for r in mine}
    pick = st.selectbox("Open a session", list(labels), format_func=labels.__getitem__)
    if pick and st.button("Open", icon=":material/open_in_new:"):
        _open(load_rehearsal(store, pick, common.engine()))


def _open(rehearsal: Rehearsal) -> None:
    st.session_state[REHEARSAL_KEY] = rehearsal
    st.switch_page(nav.REHEARSE.path, query_params={"rehearsal": rehearsal.id})
