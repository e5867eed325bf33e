"""Structure before sentences: letter parts, unwrapping, placeholders, language."""

import pytest

from coach.checking.checker import check
from coach.text.language import detect_language
from coach.text.placeholders import mask_slots, slot_spans
from coach.text.structure import parse

LETTER = """Harbour Dental
17 Esquire Lane
Baltimore, MD 21209

RE: Your care at Harbour Dental

Dear Mr. Pembroke,

Thank you for trusting us with your care over the last six years. Our records show
that you missed appointments on 3 March, 17 April and 9 May without notice, and we
have decided to end our dentist-patient relationship.

My office will be glad to forward your records to your new dentist at no charge.

Sincerely,

Dr. Leonard Smith
Harbour Dental | (410) 555-0199
CONFIDENTIALITY NOTICE: This email and any attachments are for the intended recipient.

On Mon, 3 Jun 2024 at 10:14, Tony Pembroke <tony@example.com> wrote:
> You people are useless idiots. Thanks for nothing.
"""


def kinds(text: str) -> list[tuple[str, str]]:
    st = parse(text)
    return [(p.kind, text[p.start : p.end].splitlines()[0]) for p in st.parts]


def test_a_letter_splits_into_its_parts() -> None:
    parts = kinds(LETTER)
    assert parts[0] == ("header", "Harbour Dental")
    assert ("subject", "RE: Your care at Harbour Dental") in parts
    assert ("salutation", "Dear Mr. Pembroke,") in parts
    assert ("signoff", "Sincerely,") in parts
    assert ("signature", "Dr. Leonard Smith") in parts
    assert parts[-1][0] == "quoted"


def test_only_the_body_is_read_and_hard_wraps_are_unwrapped() -> None:
    review = check(LETTER)
    sentences = [s.sentence.text for s in review.sentences]
    assert sentences[1].startswith("Our records show that you missed appointments")
    assert "\n" not in sentences[1]  # one sentence over three lines is one sentence
    assert not any("useless" in s or "Sincerely" in s or "Harbour Dental |" in s for s in sentences)
    assert not review.detected["personal_attack"]  # the insult is the client's, quoted
    assert review.detected["appreciation"] and review.detected["goodwill"]


def test_offsets_point_into_the_original_text() -> None:
    review = check(LETTER)
    for s in review.sentences:
        original = LETTER[s.sentence.start : s.sentence.end]
        assert original.replace("\n", " ") == s.sentence.text


def test_a_single_line_is_all_body() -> None:
    assert kinds("hi sam thanks for jumping on") == [("body", "hi sam thanks for jumping on")]


def test_sign_off_thanks_are_not_appreciation() -> None:
    text = "Hi Jo,\n\nYour account closes on 30 November.\n\nThanks,\nSam"
    assert not check(text).detected["appreciation"]


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("On [date] you missed your appointment.", ["[date]"]),
        ("Dear <Name>,", ["<Name>"]),
        ("Hi {{first_name}},", ["{{first_name}}"]),
        ("Dr. ______ will see you.", ["______"]),
        ("as of (date), I will no longer", ["(date)"]),
        ("(your last invoice is unpaid)", []),
        ("email <jo@example.com>", []),
    ],
)
def test_placeholders_are_found_and_masked(text: str, slots: list[str]) -> None:
    assert [text[s:e] for s, e in slot_spans(text)] == slots
    assert len(mask_slots(text)) == len(text)


def test_a_placeholder_date_is_not_a_date_but_the_words_around_it_count() -> None:
    assert not check("Your account will close on [date].").detected["documented_facts"]
    assert check("On [date] you missed your third appointment.").detected["documented_facts"]
    review = check("On [date] you missed your third appointment.")
    assert [review.text[s:e] for s, e in review.placeholders] == ["[date]"]


@pytest.mark.parametrize(
    ("text", "english", "language"),
    [
        ("ਤੁਹਾਡਾ ਧੰਨਵਾਦ, ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਕੰਮ ਕਰਕੇ ਖੁਸ਼ ਹਾਂ", False, "Gurmukhi script"),
        ("شكرا لك على ثقتك بنا طوال هذه السنوات", False, "Arabic script"),
        ("Nous vous remercions pour votre confiance et nous sommes désolés", False, "French"),
        ("Thank you for your business over the years.", True, "English"),
        ("Hi Priya — shukriya for everything, really appreciate it", True, "English"),
        ("OK", True, "English"),
    ],
)
def test_language_is_detected(text: str, english: bool, language: str) -> None:
    verdict = detect_language(text)
    assert verdict.english is english and verdict.language == language


def test_text_that_is_not_english_gets_no_findings_and_no_score() -> None:
    review = check("ਤੁਹਾਡਾ ਧੰਨਵਾਦ, ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਕੰਮ ਕਰਕੇ ਖੁਸ਼ ਹਾਂ")
    assert review.score is None and not review.findings and not any(review.detected.values())
    assert "English" in review.language_notice


def test_a_call_line_is_judged_for_what_it_does() -> None:
    greeting = check("Hi Sam, thanks for making time today.", mode="line")
    assert greeting.score == 100 and not greeting.missing
    attack = check("Frankly, you are impossible to work with.", mode="line")
    assert attack.score is not None and attack.score < 100 and not attack.missing
    email = check("Hi Sam, thanks for making time today.")
    assert email.missing  # an email keeps whole-message steps
