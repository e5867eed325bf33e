"""Adversarial text cannot freeze the checker: runs of punctuation, digits, ids, months,
currency, quotes and abbreviations (each once made a regex backtrack) are checked, their
facts extracted and their citations compared, with every span inside the text.

Speed itself is measured by `bench/linear_time.py`; these tests only guard against a hang
(a quadratic scan of 20,000 characters takes minutes, the linear one well under a second).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.linear_time import PIECES, sample
from coach.checking.checker import check
from coach.checking.facts import extract_facts
from coach.citations import check_citations
from coach.judge import _strip_fence
from coach.scenarios.library import load_scenarios
from coach.text.sentences import MAX_SENTENCE, split_sentences

SCENARIO = next(iter(load_scenarios().values()))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(PIECES))
def test_adversarial_runs_finish_and_stay_in_bounds(name: str) -> None:
    text = sample(PIECES[name], 20_000)
    review = check(text)
    for finding in review.findings:
        if finding.span:
            assert 0 <= finding.span[0] <= finding.span[1] <= len(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in split_sentences(text))
    assert all(text[f.start : f.end] == f.text for f in extract_facts(text))
    check_citations(text, SCENARIO)


ADVERSARIAL = st.lists(
    st.sampled_from([*PIECES.values(), "INV-", "#", "£", "…", "\u2019", "Dr.", " "]),
    min_size=1,
    max_size=400,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(ADVERSARIAL)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    last = 0
    for s in split_sentences(text):
        assert s.start >= last and s.end <= len(text)
        assert s.text == s.text.strip() and s.text
        assert len(s.text) <= MAX_SENTENCE
        last = s.end


def test_a_fence_full_of_spaces_is_cheap_and_safe() -> None:
    unclosed = "```json\n" + " " * 3_000_000
    assert _strip_fence(unclosed) == unclosed  # left to the JSON parser to refuse
    assert _strip_fence('```json\n{"a": 1}\n```') == '{"a": 1}'
    assert _strip_fence('{"a": 1}') == '{"a": 1}'
