"""The Review page, driven with AppTest: paste, upload (.txt/.md/.eml), bad uploads."""

from __future__ import annotations

import json

from tests.app_harness import RewritingEngine, button, new_app, no_exception, texts
from ui.review import RESULT_KEY

DRAFT = (
    "Dear Ms Rivera,\n\nThank you for working with us. Frankly, you are impossible to work "
    "with and no other firm would put up with you. Invoice INV-2291 stays due."
)
EML = (
    b"From: me@example.com\r\nTo: client@example.com\r\nSubject: Our work together\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Thank you for two years of work together. I'm sorry we could not do better.\r\n"
)


def _review_page(tmp_path, engine=None):
    at = new_app(tmp_path, engine=engine)
    at.switch_page("ui/pages/review.py").run()
    no_exception(at)
    return at


def test_empty_state_explains_what_will_appear(tmp_path) -> None:
    at = _review_page(tmp_path)
    assert at.title[0].value == "Review an email"
    assert any("Your review appears here" in i.value for i in at.info)


def test_review_of_pasted_text_annotates_scores_and_rewrites(tmp_path) -> None:
    at = _review_page(tmp_path, engine=RewritingEngine(seed=1))
    at.text_area(key="review_text").input(DRAFT).run()
    button(at, "Review").click().run()
    no_exception(at)
    result = at.session_state[RESULT_KEY]
    score = next(m for m in at.metric if m.label == "Score")
    assert score.value == f"{result.review.score}/100"
    page = texts(at)
    assert "<mark" in page and "impossible" in page
    assert "— attack" in page
    assert at.code[0].value == RewritingEngine.REWRITE  # st.code has a copy button
    labels = [d.label for d in at.download_button]
    assert labels == ["Download the rewrite", "Download the review (JSON)"]
    exported = json.loads(result.to_json())
    assert exported["rewrite"] == RewritingEngine.REWRITE
    assert exported["detected"]["personal_attack"] == result.review.detected["personal_attack"]
    assert at.text_area(key="review_text").value == DRAFT  # nothing lost


def test_an_eml_upload_fills_the_draft_with_its_body(tmp_path) -> None:
    at = _review_page(tmp_path)
    at.file_uploader(key="review_upload").upload("draft.eml", EML, "message/rfc822").run()
    no_exception(at)
    text = at.text_area(key="review_text").value
    assert text.startswith("Thank you for two years of work together.")
    assert "Subject:" not in text


def test_bad_uploads_get_a_clear_message_and_the_pasted_text_is_kept(tmp_path) -> None:
    at = _review_page(tmp_path)
    at.text_area(key="review_text").input(DRAFT).run()
    for name, data in (
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("undecodable.txt", b"Merci beaucoup, tr\xe8s \x81 appr\xe9ci\xe9"),
        ("huge.txt", b"a" * 5_000_000),
    ):
        at.file_uploader(key="review_upload").clear().upload(name, data, "text/plain").run()
        no_exception(at)
        errors = [e.value for e in at.error]
        assert errors and name in errors[0], (name, errors)
        assert at.text_area(key="review_text").value == DRAFT


def test_reviewing_empty_text_says_so(tmp_path) -> None:
    at = _review_page(tmp_path)
    button(at, "Review").click().run()
    no_exception(at)
    assert any("empty" in e.value for e in at.error)


def test_results_stay_after_a_rerun_and_flag_edits(tmp_path) -> None:
    at = _review_page(tmp_path)
    at.text_area(key="review_text").input(DRAFT).run()
    button(at, "Review").click().run()
    at.run()
    assert at.session_state[RESULT_KEY] is not None
    at.text_area(key="review_text").input(DRAFT + " Thanks again.").run()
    assert "previous text" in texts(at)


def test_text_that_is_not_english_gets_a_notice_and_no_score(tmp_path) -> None:
    at = _review_page(tmp_path)
    at.text_area(key="review_text").input("شكرا لك على ثقتك بنا طوال هذه السنوات").run()
    button(at, "Review").click().run()
    no_exception(at)
    assert any("not English" in w.value for w in at.warning)
    assert not any(m.label == "Score" for m in at.metric)
    assert at.text_area(key="review_text").value.startswith("شكرا")


def test_a_scenario_record_corrects_a_misstated_date_in_the_rewrite(tmp_path) -> None:
    at = _review_page(tmp_path)
    draft = (
        "Dear Dana,\n\nOn 12 May you rang the account manager's mobile nine times about a "
        "delayed van.\n\nRegards,\nSam"
    )
    at.text_area(key="review_text").input(draft).run()
    at.selectbox(key="review_scenario").select(
        "The caterer who complains about every delivery"
    ).run()
    button(at, "Review").click().run()
    no_exception(at)
    result = at.session_state[RESULT_KEY]
    assert "20 May 2024" in result.coaching.rewrite and "12 May" not in result.coaching.rewrite
    assert "The record says 20 May 2024" in texts(at)
    options = {s.step: s.options for s in result.coaching.suggestions}
    assert "GreenLeaf Wholesale" in options["alternatives"]


def test_a_pasted_incident_log_becomes_the_facts_to_cite(tmp_path) -> None:
    at = _review_page(tmp_path)
    at.text_area(key="review_text").input("Dear Jo,\n\nWe will close the account.\n\nSam").run()
    at.text_area(key="review_log").input("- on 3 March 2024 you missed your appointment\n").run()
    button(at, "Review").click().run()
    no_exception(at)
    facts = next(s for s in at.session_state[RESULT_KEY].coaching.suggestions)
    assert facts.step == "documented_facts"
    assert facts.options == ("on 3 March 2024 you missed your appointment",)


def test_a_windows_1252_upload_is_read_with_a_note(tmp_path) -> None:
    at = _review_page(tmp_path)
    legacy = "We’re grateful for your custom since 2019, Zoë — thank you.".encode("cp1252")
    at.file_uploader(key="review_upload").upload("old.txt", legacy, "text/plain").run()
    no_exception(at)
    assert at.text_area(key="review_text").value.startswith("We’re grateful")
    assert any("Windows-1252" in i.value for i in at.info)
