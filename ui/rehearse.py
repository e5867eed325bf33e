"""Page: rehearse a termination call with a simulated client, coached line by line.

The draft lives in a text area with its own session key, so it survives reruns, engine
faults and page switches; buttons set requests in callbacks and the page acts on them
before the draft box is drawn (Streamlit forbids changing a widget's value after it is
drawn in the same run).
"""

from __future__ import annotations

import streamlit as st

from coach.checking.profile import Profile
from coach.checking.rewrite import add_suggestions
from coach.checking.rules import RULES_BY_ID
from coach.citations import format_record
from coach.engines.base import Coaching
from coach.ownership import may_open, owner_hash
from coach.recorder import StoreRecorder, load_rehearsal
from coach.rehearsal import (
    LineHasPlaceholders,
    LineNotEnglish,
    Recorder,
    Rehearsal,
    Turn,
    line_score,
)
from coach.scenarios.library import ScenarioError, load_scenarios
from coach.scenarios.schema import Difficulty, Scenario
from coach.store.engine import Store
from coach.store.rehearsals import NotFound, get_rehearsal
from coach.store.scenarios import list_custom_scenarios
from coach.types import Mood
from coach.validation import InputError
from ui import annotate, browser, common, scorecard
from ui.streaming import TokenStream

REHEARSAL_KEY = "rehearsal"
DRAFT_KEY = "draft"
ORIGINAL_KEY = "draft_before_rewrite"
EMPTY_KEY = "draft_was_empty"
COACHING_KEY = "coaching"
SEND_KEY = "send_request"
CHECK_KEY = "check_request"
ERRORS_KEY = "chat_errors"
OFFERED_KEY = "offered_scenarios"
PICK_KEY = "scenario_pick"
PICK_REQUEST_KEY = "scenario_request"
DIFFICULTY_KEY = "difficulty_pick"
URL_PARAM = "rehearsal"
NOT_YOURS = (
    "That rehearsal cannot be opened here: a rehearsal opens only in the browser that "
    "started it, or for the workshop trainee who ran it. Start a new one below."
)
MOOD_COLOURS = ("#e4572e", "#4c8bf5", "#3aa76d")  # anger, trust, readiness
DIFFICULTY_HELP = {
    Difficulty.COOPERATIVE: "Cooperative: disappointed but willing to listen.",
    Difficulty.DEFENSIVE: "Defensive: disputes details and pushes back.",
    Difficulty.HOSTILE: "Hostile: angry from the first word; stays hostile if provoked.",
}


def offer_scenario(scenario: Scenario) -> None:
    """Add a scenario (e.g. from an assessment) to the picker and select it."""
    st.session_state.setdefault(OFFERED_KEY, {})[scenario.id] = scenario
    st.session_state[PICK_REQUEST_KEY] = scenario.id
    st.session_state.pop(REHEARSAL_KEY, None)
    st.query_params.pop(URL_PARAM, None)


def render() -> None:
    st.title("Rehearse a call")
    rehearsal = _current()
    if rehearsal is None:
        _setup()
        return
    chat, side = st.columns([3, 2], gap="large")
    with side:
        _side_panel(rehearsal)
    with chat:
        _conversation(rehearsal)
        if not rehearsal.finished:
            _draft_box(rehearsal)
    if rehearsal.finished:
        scorecard.render(rehearsal)


# --- choosing and starting -------------------------------------------------------------


def _scenarios() -> dict[str, Scenario]:
    """Scenarios offered this session (e.g. from an assessment) first, then the library
    and any scenarios authored in the app."""
    offered: dict[str, Scenario] = st.session_state.get(OFFERED_KEY, {})
    store = common.store()
    library = {s.id: s for s in list_custom_scenarios(store)} if store is not None else {}
    try:
        library = {**load_scenarios(common.settings().coach_scenarios_dir), **library}
    except ScenarioError as exc:
        st.error(f"Scenario files could not be loaded: {exc}", icon=":material/error:")
    return {**offered, **{k: v for k, v in library.items() if k not in offered}}


def _setup() -> None:
    st.caption(
        "Pick a client, read the record you can cite, and start the call. Before you send "
        "each line you can **check** it: the coach shows what works, what is missing and a "
        "suggested rewrite."
    )
    scenarios = _scenarios()
    if not scenarios:
        st.warning("No scenarios are available. Add scenario files to the scenarios folder.")
        return
    if (request := st.session_state.pop(PICK_REQUEST_KEY, None)) in scenarios:
        st.session_state[PICK_KEY] = request
    cols = st.columns([3, 2])
    scenario_id = cols[0].selectbox(
        "Scenario",
        list(scenarios),
        format_func=lambda sid: f"{scenarios[sid].title} — {scenarios[sid].situation.label}",
        key=PICK_KEY,
        help="Each scenario is one of the seven reasons to let a client go.",
    )
    difficulty = cols[1].radio(
        "Difficulty",
        list(Difficulty),
        format_func=lambda d: d.value.capitalize(),
        key=DIFFICULTY_KEY,
        horizontal=True,
        help="\n\n".join(DIFFICULTY_HELP.values()),
    )
    scenario = scenarios[scenario_id or next(iter(scenarios))]
    difficulty = Difficulty(difficulty or Difficulty.COOPERATIVE)
    persona_card(scenario)
    if st.button("Start the call", type="primary", icon=":material/call:"):
        _start(scenario, difficulty)
        st.rerun()


def _start(
    scenario: Scenario,
    difficulty: Difficulty,
    recorder: Recorder | None = None,
    profile: Profile | None = None,
) -> None:
    with st.spinner(f"Calling {scenario.persona.name}…"):
        rehearsal = Rehearsal.start(
            scenario, difficulty, common.engine(), recorder or _recorder(), profile=profile
        )
    _reset_draft_state()
    st.session_state[REHEARSAL_KEY] = rehearsal
    st.query_params[URL_PARAM] = rehearsal.id


def _recorder() -> StoreRecorder | None:
    """Saved under this browser's owner key, so only this browser reopens it by link."""
    store = common.store()
    if store is None:
        return None
    return StoreRecorder(store, owner_hash=owner_hash(browser.owner_key()))


def _current() -> Rehearsal | None:
    """The rehearsal in this session, or the one named in the URL (after a refresh) if it is
    this browser's or this trainee's; a workshop rehearsal closes when its access ends."""
    rehearsal: Rehearsal | None = st.session_state.get(REHEARSAL_KEY)
    wanted = st.query_params.get(URL_PARAM)
    store = common.store()
    if rehearsal is not None:
        return rehearsal if _still_allowed(rehearsal, store) else None
    if not wanted or store is None:
        return None
    try:
        saved = get_rehearsal(store, wanted)
    except NotFound:
        saved = None
    me, _ = browser.signed_in_trainee(store)
    if saved is None or not may_open(saved, browser.owner_key(), me):
        # Unknown and not yours look the same, so links cannot be probed.
        st.warning(NOT_YOURS)
        st.query_params.pop(URL_PARAM, None)
        return None
    rehearsal = load_rehearsal(store, wanted, common.engine())
    st.session_state[REHEARSAL_KEY] = rehearsal
    return rehearsal


def _still_allowed(rehearsal: Rehearsal, store: Store | None) -> bool:
    """A workshop rehearsal goes on only while its trainee's access lasts (the trainer can
    close the workshop or revoke the trainee mid-call)."""
    recorder = rehearsal.recorder
    if store is None or not isinstance(recorder, StoreRecorder) or not recorder.participant_id:
        return True
    me, why_not = browser.signed_in_trainee(store)
    if me is not None and me.participant.id == recorder.participant_id:
        return True
    st.warning(f"This workshop call is closed: {why_not or 'you are not signed in to it'}.")
    st.session_state.pop(REHEARSAL_KEY, None)
    st.query_params.pop(URL_PARAM, None)
    return False


def persona_card(scenario: Scenario) -> None:
    """Who the client is and the documented incidents the user can cite."""
    p = scenario.persona
    with st.container(border=True):
        st.markdown(f"#### {p.name}")
        st.caption(f"{p.role}, {p.company} — {p.business}")
        st.markdown(scenario.summary)
        st.markdown(f"**Temperament:** {p.temperament}  \n**Wants:** {p.wants}")
        st.markdown("**The record you can cite**")
        st.markdown("\n".join(f"- {format_record(i)}" for i in scenario.incidents))
        if scenario.goodwill_options:
            st.caption("Goodwill you may offer: " + "; ".join(scenario.goodwill_options))


# --- the conversation ------------------------------------------------------------------


def _side_panel(rehearsal: Rehearsal) -> None:
    st.markdown(f"**{rehearsal.scenario.title}** · {rehearsal.difficulty.value}")
    if rehearsal.save_error:
        st.error(
            f"This call is not being saved ({common.plain(rehearsal.save_error)}). It stays "
            "in this tab until you close it; copy anything you want to keep.",
            icon=":material/error:",
        )
    mood_panel(rehearsal)
    _usage(rehearsal)
    with st.expander("Client and record", icon=":material/badge:"):
        persona_card(rehearsal.scenario)
    with st.container(horizontal=True):
        if not rehearsal.finished:
            st.button("End the call", icon=":material/call_end:", on_click=_end)
        st.button(
            "Restart",
            icon=":material/restart_alt:",
            on_click=_restart,
            help="Back to the scenario picker; finished attempts stay for comparison.",
        )


def _usage(rehearsal: Rehearsal) -> None:
    """Tokens spent with a model in this rehearsal (nothing to show offline)."""
    u = rehearsal.usage
    if not u.requests:
        return
    approx = " (approximate)" if u.approximate else ""
    cost = f" · about ${u.cost_usd:.4f}" if u.cost_usd is not None else ""
    st.caption(
        f":material/token: {u.requests} requests · {u.prompt_tokens + u.completion_tokens:,} "
        f"tokens{approx}{cost}"
    )


def mood_panel(rehearsal: Rehearsal) -> None:
    """The client's anger, trust and readiness, with the change from the last turn."""
    turns = rehearsal.turns
    before = turns[-2].mood if len(turns) > 1 else rehearsal.start_mood
    now = rehearsal.mood
    cols = st.columns(3)
    for col, label, attr, inverse in (
        (cols[0], "Anger", "anger", True),
        (cols[1], "Trust", "trust", False),
        (cols[2], "Readiness", "readiness", False),
    ):
        value, delta = getattr(now, attr), getattr(now, attr) - getattr(before, attr)
        col.metric(
            label,
            f"{value}/10",
            delta=delta if turns else None,
            delta_color="inverse" if inverse else "normal",
        )
    if turns:
        moods: list[Mood] = [rehearsal.start_mood, *(t.mood for t in turns)]
        st.line_chart(
            {
                "anger": [m.anger for m in moods],
                "trust": [m.trust for m in moods],
                "readiness": [m.readiness for m in moods],
            },
            height=200,
            x_label="turn",
            color=[*MOOD_COLOURS],
        )


def _conversation(rehearsal: Rehearsal) -> None:
    name = rehearsal.scenario.persona.name
    with st.chat_message("assistant", avatar=":material/person:"):
        st.markdown(f"**{name}:** {common.plain(rehearsal.opening)}")
    for turn in rehearsal.turns:
        _turn(turn, name, rehearsal)
    for error in st.session_state.get(ERRORS_KEY, []):
        with st.chat_message("assistant", avatar=":material/warning:"):
            common.notice(error)
    if (request := st.session_state.pop(SEND_KEY, None)) is not None:
        _send(rehearsal, request)
    if rehearsal.accepted:
        st.success(f"{name} accepts. The call is over — see your scorecard below.")
    elif rehearsal.walked_out:
        st.error(
            f"{name} ended the call: too many of your lines read as personal attacks. "
            "See your scorecard below, then try again."
        )
    elif rehearsal.ended:
        st.info("You ended the call. Your scorecard is below.")


def _turn(turn: Turn, name: str, rehearsal: Rehearsal) -> None:
    with st.chat_message("user"):
        st.markdown(common.plain(turn.user))
        _turn_badges(turn)
    with st.chat_message("assistant", avatar=":material/person:"):
        st.markdown(f"**{name}:** {common.plain(turn.client)}")
        for text in turn.notices:
            common.notice(text)


def _turn_badges(turn: Turn) -> None:
    review = turn.review
    used = [
        review.rules[rid].title if rid in review.rules else rid
        for rid, on in review.detected.items()
        if on and rid != "personal_attack"
    ]
    parts = [f"score {turn.score}/100"]
    if review.attacks:
        parts.append(":red[:material/block: reads as a personal attack]")
    if used:
        parts.append(":green[:material/check_circle:] " + ", ".join(used))
    st.caption(" · ".join(parts))
    for c in turn.citations:
        if c.status == "accurate":
            st.caption(f":material/verified: {c.message}")
        else:
            st.warning(f"Fact check: {c.message}", icon=":material/flag:")


def _send(rehearsal: Rehearsal, text: str) -> None:
    """Send the draft, streaming the client's reply; on a fault the draft stays put."""
    coaching = _coaching_for(text)
    original = st.session_state.get(ORIGINAL_KEY)
    with st.chat_message("user"):
        st.markdown(common.plain(text))
    with st.chat_message("assistant", avatar=":material/person:"):
        st.markdown(f"**{rehearsal.scenario.persona.name}:**")
        stream: TokenStream[Turn] = TokenStream(
            lambda on_token: rehearsal.send(
                text, draft=original, on_token=on_token, coaching=coaching
            ),
            lambda turn: turn.client,
        )
        try:
            st.write_stream(common.plain(token) for token in stream)
        except (LineNotEnglish, LineHasPlaceholders, InputError) as exc:
            st.session_state.setdefault(ERRORS_KEY, []).append(
                f"Not sent: {exc} Your draft is still in the box below."
            )
            st.rerun()
        except Exception as exc:
            st.session_state.setdefault(ERRORS_KEY, []).append(
                f"The client could not answer ({type(exc).__name__}). Your draft is still in "
                "the box below; try sending it again."
            )
            st.rerun()
    turn = stream.result
    st.session_state[ERRORS_KEY] = []
    if turn.engine == rehearsal.engine.name:
        _reset_draft_state()
    st.rerun()


def _coaching_for(text: str) -> Coaching | None:
    stored: tuple[str, Coaching] | None = st.session_state.get(COACHING_KEY)
    return stored[1] if stored and stored[0] == text else None


def _reset_draft_state() -> None:
    st.session_state[DRAFT_KEY] = ""
    for key in (ORIGINAL_KEY, COACHING_KEY, ERRORS_KEY):
        st.session_state.pop(key, None)


# --- the draft and its coaching --------------------------------------------------------


def _draft_box(rehearsal: Rehearsal) -> None:
    if st.session_state.pop(CHECK_KEY, False):
        draft = st.session_state.get(DRAFT_KEY, "")
        with st.spinner("Checking your line…"):
            st.session_state[COACHING_KEY] = (draft, rehearsal.check(draft))
    st.text_area(
        "Your next line",
        key=DRAFT_KEY,
        height=110,
        persist_state="session",
        placeholder="Thank you for … / On 3 March … / We would like to refund … / I'm sorry …",
        help="Check it first to see how it lands; Ctrl+Enter applies your edits.",
    )
    # The buttons stay enabled: a click while the box still has focus must not be lost (it
    # commits the text and is the click); an empty box gets a note instead.
    cols = st.columns(2)
    cols[0].button(
        "Check",
        icon=":material/spellcheck:",
        on_click=_request_check,
        width="stretch",
    )
    cols[1].button(
        "Send",
        type="primary",
        icon=":material/send:",
        on_click=_request_send,
        width="stretch",
    )
    if st.session_state.pop(EMPTY_KEY, False):
        st.caption(":material/edit: Type your line first.")
    _progress(rehearsal)
    stored: tuple[str, Coaching] | None = st.session_state.get(COACHING_KEY)
    if stored is not None:
        _coaching_panel(*stored, current=st.session_state.get(DRAFT_KEY, ""))


def _progress(rehearsal: Rehearsal) -> None:
    """The call keeps the steps: what is covered so far and the next one to take."""
    done = [RULES_BY_ID[r].title for r, on in rehearsal.steps_covered().items() if on]
    step = rehearsal.next_step()
    nxt = f"next: **{RULES_BY_ID[step].title}**" if step else "all five steps taken"
    st.caption(f":material/checklist: Steps so far: {', '.join(done) or 'none yet'} · {nxt}")
    if question := rehearsal.open_question():
        name = rehearsal.scenario.persona.name
        st.caption(f":material/help: {name} is waiting for an answer: {question}?")


def _request_check() -> None:
    if (st.session_state.get(DRAFT_KEY) or "").strip():
        st.session_state[CHECK_KEY] = True
    else:
        st.session_state[EMPTY_KEY] = True


def _request_send() -> None:
    text = (st.session_state.get(DRAFT_KEY) or "").strip()
    if text:
        st.session_state[SEND_KEY] = text
    else:
        st.session_state[EMPTY_KEY] = True


def _use_rewrite(draft: str, rewrite: str) -> None:
    st.session_state[ORIGINAL_KEY] = draft
    st.session_state[DRAFT_KEY] = rewrite
    st.session_state[COACHING_KEY] = None


def _coaching_panel(draft: str, coaching: Coaching, current: str) -> None:
    review = coaching.review
    with st.container(border=True):
        st.markdown(f"**Coach** · score {line_score(review, coaching.citations)}/100")
        if draft != current:
            st.caption(":material/history: This is about your previous wording; check again.")
        for text in coaching.notices:
            common.notice(text)
        st.html(annotate.highlight_html(draft, review.findings))
        common.verdict_list(review)
        for c in coaching.citations:
            icon = ":material/verified:" if c.status == "accurate" else ":material/flag:"
            st.markdown(f"{icon} {c.message}")
        for text in coaching.disagreements:
            st.caption(f":material/balance: The model's judge disagrees: {text}")
        chosen = common.suggestion_choices(coaching.suggestions, "rehearse")
        suggested = add_suggestions(coaching.rewrite or draft, coaching.suggestions, chosen)
        if suggested.strip() != draft.strip():
            st.markdown("**Suggested rewrite**")
            st.html(annotate.sentence_diff_html(draft, suggested))
            st.button(
                "Use this rewrite",
                icon=":material/auto_fix_high:",
                on_click=_use_rewrite,
                args=(draft, suggested),
            )
        else:
            st.caption("No rewrite needed.")


# --- ending, restarting, trying again --------------------------------------------------


def _end() -> None:
    rehearsal: Rehearsal | None = st.session_state.get(REHEARSAL_KEY)
    if rehearsal is not None:
        rehearsal.end()


def _restart() -> None:
    """Back to the scenario picker; the finished attempt stays in the comparison."""
    st.session_state.pop(REHEARSAL_KEY, None)
    st.query_params.pop(URL_PARAM, None)
    _reset_draft_state()


def try_again(rehearsal: Rehearsal) -> None:
    """A new attempt at the same scenario and difficulty, saved the same way (a workshop
    attempt stays in its workshop, and only while the trainee's access lasts) and checked
    with the same rules."""
    if not _still_allowed(rehearsal, common.store()):
        return
    _start(rehearsal.scenario, rehearsal.difficulty, rehearsal.recorder, rehearsal.profile)
