"""Rule: documented_facts (placeholder detector, being written)."""

from __future__ import annotations

import re

from coach.rules.base import Hit, Rule, Severity
from coach.text import Sentence

_PATTERN = re.compile(r"\b(?:on \d{1,2} \w+|invoice|ticket|\d+ times)\b", re.IGNORECASE)


def detect(sentence: Sentence) -> list[Hit]:
    return [Hit(m.start(), m.end()) for m in _PATTERN.finditer(sentence.masked)]


RULE = Rule(
    id="documented_facts",
    title="documented_facts",
    why="",
    kind="step",
    severity=Severity.WARNING,
    detector=detect,
    message="",
    suggestion="",
)
