"""The Rehearse page, driven with AppTest: start, check, use the rewrite, send, end,
download, try again and compare; engine faults; resuming from the URL."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from coach.engines.offline import OfflineEngine
from coach.engines.openai_engine import OpenAIEngine
from coach.rehearsal import Rehearsal
from coach.store.engine import open_store
from coach.store.rehearsals import get_rehearsal
from tests.app_harness import (
    RewritingEngine,
    button,
    new_app,
    no_exception,
    settings_for,
    texts,
)
from ui.scorecard import transcript_json

ATTACK = "Thank you for your business, but you are impossible to work with."
WRONG_COUNT = "On 2 April 2024 you sent seven emails calling the design team incompetent."


def _start(at):
    at.selectbox(key="scenario_pick").select("abusive-to-staff-agency").run()
    button(at, "Start the call").click().run()
    no_exception(at)
    return at


def _say(at, text: str):
    at.text_area(key="draft").input(text).run()
    button(at, "Send").click().run()
    no_exception(at)
    return at


def test_setup_shows_persona_card_and_record(tmp_path) -> None:
    at = new_app(tmp_path)
    no_exception(at)
    at.selectbox(key="scenario_pick").select("abusive-to-staff-agency").run()
    page = texts(at)
    assert "Marcus Hale" in page
    assert "The record you can cite" in page
    assert "HR-112" in page  # a documented incident's ticket


def test_start_opens_in_character_and_puts_the_id_in_the_url(tmp_path) -> None:
    at = _start(new_app(tmp_path))
    opening = at.chat_message[0].markdown[0].value
    assert opening.startswith("**Marcus Hale:**")
    rid = at.query_params["rehearsal"]
    assert at.session_state["rehearsal"].id == rid


def test_check_shows_verdicts_highlights_and_rewrite_which_one_click_uses(tmp_path) -> None:
    at = _start(new_app(tmp_path, engine=RewritingEngine(seed=3)))
    at.text_area(key="draft").input(ATTACK).run()
    button(at, "Check").click().run()
    no_exception(at)
    page = texts(at)
    assert "— attack" in page
    assert "<mark" in page and "impossible" in page  # the offending span is highlighted
    assert "<ins" in page  # the rewrite is shown as a diff
    button(at, "Use this rewrite").click().run()
    assert at.text_area(key="draft").value == RewritingEngine.REWRITE
    _say(at, RewritingEngine.REWRITE)
    turn = at.session_state["rehearsal"].turns[0]
    assert turn.user == RewritingEngine.REWRITE
    assert turn.draft == ATTACK  # what they first wrote is kept with the turn


def test_send_gets_a_reply_moves_the_mood_clears_the_draft_and_saves(tmp_path) -> None:
    at = _start(new_app(tmp_path))
    _say(at, ATTACK)
    rehearsal = at.session_state["rehearsal"]
    assert len(rehearsal.turns) == 1
    replies = [m.markdown[0].value for m in at.chat_message]
    assert ATTACK in replies
    assert replies[-1].startswith("**Marcus Hale:**") and len(replies[-1]) > 20
    assert at.text_area(key="draft").value == ""
    assert {m.label for m in at.metric} >= {"Anger", "Trust", "Readiness"}
    anger = next(m for m in at.metric if m.label == "Anger")
    assert anger.value == f"{rehearsal.mood.anger}/10"
    saved = get_rehearsal(open_store(settings_for(tmp_path).sqlalchemy_url()), rehearsal.id)
    assert [t.data["user"] for t in saved.turns] == [ATTACK]


def test_a_misstated_fact_is_flagged_with_the_record(tmp_path) -> None:
    at = _say(_start(new_app(tmp_path)), WRONG_COUNT)
    flags = [w.value for w in at.warning if w.value.startswith("Fact check")]
    assert flags and "four emails" in flags[0]


def test_end_scorecard_downloads_try_again_and_compare(tmp_path) -> None:
    at = _start(new_app(tmp_path))
    _say(at, ATTACK)
    button(at, "End the call").click().run()
    no_exception(at)
    assert "Scorecard" in [s.value for s in at.subheader]
    assert len(at.get("vega_lite_chart")) >= 3  # mood, per line and overall
    labels = [d.label for d in at.download_button]
    assert labels == ["Transcript (Markdown)", "Transcript (JSON)"]
    rehearsal = at.session_state["rehearsal"]
    exported = json.loads(transcript_json(rehearsal))
    assert exported["turns"][0]["user"] == ATTACK and "scorecard" in exported
    assert "Three things to work on" in texts(at)

    button(at, "Try again").click().run()
    second = at.session_state["rehearsal"]
    assert second.id != rehearsal.id and not second.turns
    _say(at, "Thank you for working with us, and I'm sorry it did not work out.")
    button(at, "End the call").click().run()
    no_exception(at)
    table = at.dataframe[0].value
    assert list(table["attempt"]) == ["First", "Best", "Latest"]
    assert table["overall"].max() == table["overall"][1]


class _Down(GenericFakeChatModel):
    """A chat model whose endpoint is down."""

    def _generate(self, *args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    def _stream(self, *args, **kwargs):
        raise ConnectionRefusedError("connection refused")


def _fake_openai(tmp_path, client) -> OpenAIEngine:
    settings = settings_for(tmp_path, openai_api_key="sk-test-never-shown", coach_max_retries=0)
    judge = GenericFakeChatModel(messages=iter([AIMessage(content="not json")] * 10))
    return OpenAIEngine(
        settings,
        fallback=OfflineEngine(seed=1),
        client_model=client,
        judge_model=judge,
        sleep=lambda _s: None,
    )


def test_engine_fault_shows_a_notice_in_the_chat_and_keeps_the_draft(tmp_path) -> None:
    engine = _fake_openai(tmp_path, _Down(messages=iter([])))
    at = _start(new_app(tmp_path, engine=engine))
    _say(at, ATTACK)
    assert at.text_area(key="draft").value == ATTACK
    assert len(at.session_state["rehearsal"].turns) == 1  # the offline client stood in
    assert any("offline" in w.value for w in at.warning)
    assert not at.exception


def test_an_unexpected_failure_is_a_notice_not_a_traceback(tmp_path, monkeypatch) -> None:
    def broken(self, *args, **kwargs):
        raise RuntimeError("database on fire")

    at = _start(new_app(tmp_path))
    monkeypatch.setattr(Rehearsal, "send", broken)
    _say(at, ATTACK)
    assert at.text_area(key="draft").value == ATTACK
    assert any("could not answer" in w.value for w in at.warning)
    assert not at.session_state["rehearsal"].turns


def test_a_fake_chat_model_streams_the_client_reply(tmp_path) -> None:
    reply = "Fine. I hear you, and I can accept that."
    client = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    at = _start(new_app(tmp_path, engine=_fake_openai(tmp_path, client)))
    _say(at, "Thank you for working with us.")
    assert at.chat_message[-1].markdown[0].value == f"**Marcus Hale:** {reply}"
    assert at.text_area(key="draft").value == ""
    assert any("requests" in c.value for c in at.caption)  # token usage is shown


def test_a_refresh_resumes_the_rehearsal_named_in_the_url(tmp_path) -> None:
    at = _say(_start(new_app(tmp_path)), ATTACK)
    rid = at.query_params["rehearsal"]
    same_browser = {"owner_key": at.session_state["owner_key"]}
    again = new_app(tmp_path, query={"rehearsal": rid}, browser=same_browser)
    no_exception(again)
    assert again.session_state["rehearsal"].id == rid
    assert ATTACK in [m.markdown[0].value for m in again.chat_message]


def test_a_link_opened_in_another_browser_shows_nothing(tmp_path) -> None:
    at = _say(_start(new_app(tmp_path)), ATTACK)
    rid = at.query_params["rehearsal"]
    stranger = new_app(tmp_path, query={"rehearsal": rid})
    no_exception(stranger)
    assert "rehearsal" not in stranger.session_state
    assert ATTACK not in texts(stranger) and "Marcus Hale:" not in texts(stranger)
    assert any("cannot be opened here" in w.value for w in stranger.warning)
    assert "rehearsal" not in stranger.query_params
    assert button(stranger, "Start the call")  # a new call of their own, nothing else
    saved = get_rehearsal(open_store(settings_for(tmp_path).sqlalchemy_url()), rid)
    assert len(saved.turns) == 1  # the stranger could not add a line


def test_an_unknown_rehearsal_in_the_url_looks_the_same_as_someone_elses(tmp_path) -> None:
    at = new_app(tmp_path, query={"rehearsal": "does-not-exist"})
    no_exception(at)
    assert any("cannot be opened here" in w.value for w in at.warning)
    assert button(at, "Start the call")


def test_restart_returns_to_the_picker(tmp_path) -> None:
    at = _say(_start(new_app(tmp_path)), ATTACK)
    button(at, "Restart").click().run()
    no_exception(at)
    assert "rehearsal" not in at.query_params
    assert button(at, "Start the call")


def test_a_broken_scenario_file_is_reported_not_a_crash(tmp_path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: Not Valid!\ntitle: 3\n", encoding="utf-8")
    at = new_app(tmp_path, settings=settings_for(tmp_path, coach_scenarios_dir=folder))
    no_exception(at)
    assert any("bad.yaml" in e.value for e in at.error)


def test_a_call_that_cannot_be_saved_says_so_and_keeps_going(tmp_path) -> None:
    path = tmp_path / "readonly.db"
    open_store(f"sqlite:///{path}")  # a database that opens, then refuses every write
    readonly = settings_for(tmp_path, database_url=f"sqlite:///file:{path}?mode=ro&uri=true")
    at = _start(new_app(tmp_path, settings=readonly))
    _say(at, "We appreciate the years of work together.")
    page = texts(at)
    assert "This call is not being saved" in page and "readonly" in page
    assert "Could not save the rehearsal" in page
    assert len(at.session_state["rehearsal"].turns) == 1  # the call goes on in the tab


def test_repeated_attacks_end_the_call_and_show_the_scorecard(tmp_path) -> None:
    at = _start(new_app(tmp_path))
    for _ in range(4):
        if "rehearsal" in at.session_state and at.session_state["rehearsal"].finished:
            break
        _say(at, ATTACK)
    rehearsal = at.session_state["rehearsal"]
    assert rehearsal.walked_out and rehearsal.finished
    assert any("ended the call" in e.value for e in at.error)
    assert not [t for t in at.text_area if t.key == "draft"]  # nothing more can be sent
    assert "Scorecard" in [h.value for h in at.subheader]


def test_the_page_says_which_question_the_client_is_waiting_on(tmp_path) -> None:
    at = _start(new_app(tmp_path))
    for line in (
        "Thank you for working with us since 2022; we really appreciate it.",
        "I'm sorry it ended this way.",
        "We have valued the work together.",
    ):
        _say(at, line)
        if question := at.session_state["rehearsal"].open_question():
            break
    assert question, "the client asked nothing in three lines"
    assert any(f"waiting for an answer: {question}?" in c.value for c in at.caption)
