"""Rule: apology (placeholder detector, being written)."""

from __future__ import annotations

import re

from coach.rules.base import Hit, Rule, Severity
from coach.text import Sentence

_PATTERN = re.compile(r"\b(?:sorry|apologi[sz]e)\b", re.IGNORECASE)


def detect(sentence: Sentence) -> list[Hit]:
    return [Hit(m.start(), m.end()) for m in _PATTERN.finditer(sentence.masked)]


RULE = Rule(
    id="apology",
    title="apology",
    why="",
    kind="step",
    severity=Severity.WARNING,
    detector=detect,
    message="",
    suggestion="",
)
