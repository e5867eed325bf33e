"""Rule: personal_attack (placeholder detector, being written)."""

from __future__ import annotations

import re

from coach.rules.base import Hit, Rule, Severity
from coach.text import Sentence

_PATTERN = re.compile(r"\b(?:you are (?:rude|impossible|unreasonable)|idiot)\b", re.IGNORECASE)


def detect(sentence: Sentence) -> list[Hit]:
    return [Hit(m.start(), m.end()) for m in _PATTERN.finditer(sentence.masked)]


RULE = Rule(
    id="personal_attack",
    title="personal_attack",
    why="",
    kind="forbidden",
    severity=Severity.ERROR,
    detector=detect,
    message="",
    suggestion="",
)
