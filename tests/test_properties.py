"""Property tests: the checker and the rewriter take any string without raising, spans
always lie inside the text, and a rewrite keeps every fact of a fact-bearing draft."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.checking.checker import check
from coach.checking.facts import extract_facts
from coach.checking.rewrite import rewrite

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the tricky paths: quotes, abbreviations, line breaks, control
# characters, long tokens, emoji and right-to-left text.
PIECES = st.sampled_from(
    [
        "You are rude.",
        "you always",
        '"you are impossible"',
        "'thanks for nothing'",
        "Mr. Jones",
        "e.g.",
        "I'm sorry you feel that way.",
        "Thank you!",
        "\n",
        "\r\n",
        "\t",
        "\x00",
        "\x1b",
        "…",
        "“",
        "’",
        "🙂",
        "مرحبا",
        "ਧੰਨਵਾਦ",
        "x" * 300,
        "$1,250.00",
        "3 May 2024",
        "#4411",
        " ",
        ".",
        "?!",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join),
)


@SETTINGS
@given(TEXTS)
def test_check_never_raises_and_spans_lie_inside(text: str) -> None:
    review = check(text)
    assert (review.score is None) == (not review.english)
    assert review.score is None or 0 <= review.score <= 100
    for finding in review.findings:
        if finding.span is not None:
            start, end = finding.span
            assert 0 <= start <= end <= len(text)
    for sr in review.sentences:
        s = sr.sentence
        assert 0 <= s.start <= s.end <= len(text)
        # Sentences read the unwrapped text: a soft line break is a space, nothing else moves.
        original = text[s.start : s.end]
        assert original.replace("\r", " ").replace("\n", " ") == s.text.replace("\r", " ")
    for fact in extract_facts(text):
        assert text[fact.start : fact.end] == fact.text


@SETTINGS
@given(TEXTS)
def test_rewrite_never_raises(text: str) -> None:
    result = rewrite(text)
    assert isinstance(result.text, str)
    assert result.text == rewrite(text).text


FACTS = st.sampled_from(
    [
        "invoice INV-{n}",
        "ticket #{n}",
        "${n}.50",
        "{n} EUR",
        "{n}%",
        "{d} March 2024",
        "2024-0{m}-1{m}",
        "clause {m}.{d}",
        "{d} years",
        "{n} calls",
        "Mr. Okafor",
        "Harbour Deli Ltd",
    ]
)
FRAMES = st.sampled_from(
    [
        "You are rude about {f}, idiot.",
        "We recorded {f} last quarter.",
        "Frankly you are unreasonable and {f} proves it.",
        "Thank you for {f}.",
        "Please note {f}.",
    ]
)


@st.composite
def fact_drafts(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        fact = draw(FACTS).format(
            n=draw(st.integers(1, 99999)), d=draw(st.integers(1, 28)), m=draw(st.integers(1, 9))
        )
        sentences.append(draw(FRAMES).format(f=fact))
    sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
    greeting = draw(st.sampled_from(["", "Dear Ms Rivera,\n\n"]))
    sign_off = draw(st.sampled_from(["", "\n\nBest regards,\nSam"]))
    return greeting + sep.join(sentences) + sign_off


@SETTINGS
@given(fact_drafts())
def test_rewrite_preserves_facts_and_removes_attacks(draft: str) -> None:
    result = rewrite(draft)
    for fact in extract_facts(draft):
        assert fact.text in result.text
    assert not check(result.text).detected["personal_attack"]
