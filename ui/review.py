"""Page: review a draft termination email (paste it or upload .txt / .md / .eml)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import streamlit as st

from coach.checking.checker import Review, check
from coach.checking.rewrite import add_suggestions
from coach.checking.rules import STEP_IDS
from coach.citations import check_citations, record_for, record_from_log
from coach.engines.base import Coaching
from coach.scenarios.library import load_scenarios
from coach.scenarios.schema import Scenario
from coach.text.placeholders import slot_spans
from coach.validation import InputError, decode, validate_text
from ui import annotate, common

TEXT_KEY = "review_text"
SCENARIO_KEY = "review_scenario"
LOG_KEY = "review_log"
NO_RECORD = "No record"
UPLOAD_KEY = "review_upload"
RESULT_KEY = "review_result"
ERROR_KEY = "review_error"
NOTE_KEY = "review_encoding_note"
PLACEHOLDER = (
    "Dear Ms Rivera,\n\nThank you for working with us over the past two years. "
    "You have contacted us after each of the last five deliveries ..."
)


@dataclass(frozen=True)
class ReviewResult:
    review: Review
    coaching: Coaching

    def to_json(self) -> str:
        data = {**self.review.to_dict(), "rewrite": self.coaching.rewrite}
        data["notices"] = list(self.coaching.notices)
        return json.dumps(data, indent=2, ensure_ascii=False)


def render() -> None:
    st.title("Review an email")
    st.caption(
        "Paste the message you plan to send, or upload it. Each sentence is checked against "
        "the five steps of a good goodbye (appreciation, documented facts, goodwill, apology, "
        "alternatives) and for anything that reads as a personal attack."
    )
    _input()
    result: ReviewResult | None = st.session_state.get(RESULT_KEY)
    if result is None:
        st.info("Your review appears here: highlighted sentences, missing steps and a rewrite.")
        return
    if result.review.text != st.session_state.get(TEXT_KEY):
        st.caption(":material/history: Showing the review of your previous text. Review again.")
    _results(result)


def _input() -> None:
    st.text_area(
        "Your draft",
        key=TEXT_KEY,
        height=240,
        placeholder=PLACEHOLDER,
        persist_state="session",
        help="Nothing leaves this machine unless a model is connected in the settings.",
    )
    st.file_uploader(
        f"…or upload a file (up to {_limit():,} characters)",
        type=["txt", "md", "eml"],
        key=UPLOAD_KEY,
        on_change=_load_upload,
        help="Plain text, Markdown or a saved email (.eml). UTF-8 is best; Windows-1252 and "
        "Latin-1 files are read too, with a note. Longer files are refused, never cut.",
    )
    if note := st.session_state.get(NOTE_KEY):
        st.info(note, icon=":material/translate:")
    with st.expander("Check the facts against a record (optional)", icon=":material/fact_check:"):
        names = {s.title: s for s in load_scenarios(common.settings().coach_scenarios_dir).values()}
        st.selectbox("A scenario's record", [NO_RECORD, *names], key=SCENARIO_KEY)
        st.text_area(
            "…or your incident log, one incident per line",
            key=LOG_KEY,
            height=100,
            placeholder="on 3 March 2024 you missed your appointment without notice\n...",
            help="The rewrite cites these exactly and invents nothing beyond them.",
        )
    if error := st.session_state.get(ERROR_KEY):
        st.error(error, icon=":material/error:")
    if st.button("Review", type="primary", icon=":material/fact_check:"):
        _run_review(names.get(st.session_state.get(SCENARIO_KEY, NO_RECORD)))


def _limit() -> int:
    """The session's input limit (settings may come from st.secrets)."""
    return common.settings().coach_max_input_chars


def _load_upload() -> None:
    """Put an uploaded file's text in the draft box; a bad file leaves the box as it was."""
    upload = st.session_state.get(UPLOAD_KEY)
    st.session_state[ERROR_KEY] = None
    if upload is None:
        return
    try:
        decoded = decode(upload.getvalue(), upload.name, _limit())
    except InputError as exc:
        st.session_state[ERROR_KEY] = f"Could not use {upload.name}: {exc}."
        return
    st.session_state[NOTE_KEY] = f"{upload.name}: {decoded.note}." if decoded.note else None
    st.session_state[TEXT_KEY] = decoded.text
    st.session_state[RESULT_KEY] = None


def _run_review(scenario: Scenario | None) -> None:
    text = st.session_state.get(TEXT_KEY) or ""
    try:
        validate_text(text, _limit())
    except InputError as exc:
        st.session_state[ERROR_KEY] = None
        st.error(f"Cannot review this: {exc}.", icon=":material/error:")
        return
    with st.spinner("Reviewing…"):
        review = check(text)
        if not review.english:
            st.session_state[ERROR_KEY] = None
            st.warning(review.language_notice, icon=":material/translate:")
            return
        citations = check_citations(text, scenario) if scenario else []
        log = (st.session_state.get(LOG_KEY) or "").strip()
        record = record_for(scenario, citations) if scenario else record_from_log(log)
        coaching = common.coach_draft(text, review, scenario, record)
        coaching.citations = citations
    st.session_state[ERROR_KEY] = None
    st.session_state[RESULT_KEY] = ReviewResult(review, coaching)


def _results(result: ReviewResult) -> None:
    review, coaching = result.review, result.coaching
    for text in coaching.notices:
        common.notice(text)
    for c in coaching.citations:
        icon = ":material/verified:" if c.status == "accurate" else ":material/flag:"
        st.markdown(f"{icon} {c.message}")
    cols = st.columns(3)
    cols[0].metric("Score", f"{review.score}/100")
    steps = sum(review.detected[r] for r in STEP_IDS)
    cols[1].metric("Steps present", f"{steps} of {len(STEP_IDS)}")
    attacked = sum(
        any(f.rule_id == "personal_attack" for f in s.findings) for s in review.sentences
    )
    cols[2].metric("Sentences that attack", attacked)

    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Your draft, annotated")
        st.html(annotate.highlight_html(review.text, review.findings))
        st.caption("Green: a step done well. Red: reads as a personal attack.")
    with right:
        st.subheader("Rule by rule")
        common.verdict_list(review)

    with st.expander("Sentence by sentence", icon=":material/format_list_numbered:"):
        _sentences(review)

    st.subheader("Suggested rewrite")
    st.caption(
        "Edited in place: sentences that judged the person are reworded or removed, and every "
        "fact you gave is kept. What only you can decide is below: tick it to add it."
    )
    chosen = common.suggestion_choices(coaching.suggestions, "review")
    text = add_suggestions(coaching.rewrite, coaching.suggestions, chosen)
    slots = [text[s:e] for s, e in slot_spans(text)]
    if slots:
        st.warning("Fill in before sending: " + ", ".join(slots), icon=":material/edit:")
    tabs = st.tabs(["Rewrite", "Changes"])
    with tabs[0]:
        st.code(text, language=None, wrap_lines=True)
    with tabs[1]:
        st.html(annotate.sentence_diff_html(review.text, text))
    dl = st.columns(2)
    dl[0].download_button(
        "Download the rewrite",
        text,
        file_name="rewrite.txt",
        mime="text/plain",
        icon=":material/download:",
    )
    dl[1].download_button(
        "Download the review (JSON)",
        result.to_json(),
        file_name="review.json",
        mime="application/json",
        icon=":material/data_object:",
    )


def _sentences(review: Review) -> None:
    for i, sr in enumerate(review.sentences, start=1):
        s = sr.sentence
        st.html(annotate.highlight_html(s.text, sr.findings, offset=s.start))
        notes = [
            f"{annotate.VERDICT_ICONS['attack' if f.kind == 'violation' else 'passed']} "
            f"{f.message or f.rule_id}"
            for f in sr.findings
        ]
        st.caption(f"Sentence {i}: " + (" · ".join(notes) or "no finding"))
