"""Helpers every rule may use (they are not rules): where a clause starts, whether a phrase
is negated, and spans of a compiled phrase list. Each looks at a bounded window."""

from __future__ import annotations

import re

from coach.types import Span

NEGATOR = re.compile(
    r"(?<![\w'’])(?:not|never|no|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|"
    r"wasn't|weren't|shan't|shouldn't|wouldn't|couldn't|unable\s+to|refuse\s+to|"
    r"decline\s+to|without|neither|nor|nothing|none|no\s+longer|nobody|no\s+one)(?![\w'’])|n't\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\u2014\u2013]|(?<![\w'’])(?:but|however|although|though|and|so|because|"
    r"while|whereas)(?![\w'’])",
    re.IGNORECASE,
)
_NEW_PREDICATE = re.compile(r"\b(?:will|would|shall|can|could|may|might|must)\b|'ll\b", re.I)
WINDOW = 40


def clause_before(text: str, start: int, window: int = WINDOW) -> str:
    """The text of the same clause before `start`, at most `window` characters."""
    before = text[max(0, start - window) : start]
    last = _last(_CLAUSE_BREAK, before)
    return before[last.end() :] if last else before


def negated(text: str, start: int, window: int = WINDOW) -> bool:
    """Whether a negator in the same clause shortly before `start` applies to it.

    A modal after the negator starts a new predicate: "the sessions you haven't used will
    be refunded" is not a negated refund."""
    before = clause_before(text, start, window)
    last = _last(NEGATOR, before)
    return last is not None and not _NEW_PREDICATE.search(before[last.end() :])


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = None
    for match in pattern.finditer(text):  # noqa: B007 - the loop finds the last match
        pass
    return match


def spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)


_CLAUSE_EDGE = re.compile(
    r"[;:.!?()\u2014]|,\s+(?:but|however|although|though|whereas|and|so)\b|\bbut\b"
)


def clause_of(text: str, span: Span) -> Span:
    """The clause around `span`: from the previous clause edge to the next one."""
    start = 0
    for m in _CLAUSE_EDGE.finditer(text, 0, span[0]):
        start = m.end()
    after = _CLAUSE_EDGE.search(text, span[1])
    return (start, after.start() if after else len(text))
