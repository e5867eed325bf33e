"""The types every framing rule shares: a rule is data plus a detector, a finding is a span."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from coach.text import Sentence

Span = tuple[int, int]


class Severity(StrEnum):
    """How loudly a finding is reported; `error` findings make `coach check` exit 1."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"


RuleKind = Literal["step", "forbidden", "required"]
FindingKind = Literal["present", "violation", "missing"]


@dataclass(frozen=True)
class Hit:
    """One place a detector matched, as offsets into the sentence's text."""

    start: int
    end: int
    replacements: tuple[str, ...] = ()
    learned: bool = False  # from the learned second opinion, not a phrase rule


@dataclass(frozen=True)
class Finding:
    """What a rule says about a draft: evidence of a step, a violation, or a missing step.

    `span` is into the original text; message-level findings (a missing step) have none.
    """

    rule_id: str
    message: str
    span: Span | None
    severity: Severity
    kind: FindingKind
    replacements: tuple[str, ...] = ()
    learned: bool = False

    def to_dict(self, text: str) -> dict[str, object]:
        out: dict[str, object] = {
            "rule_id": self.rule_id,
            "kind": self.kind,
            "message": self.message,
            "severity": self.severity.value,
            "span": list(self.span) if self.span else None,
            "replacements": list(self.replacements),
            "source": "model" if self.learned else "rule",
        }
        if self.span:
            out["quote"] = text[self.span[0] : self.span[1]]
        return out


Detector = Callable[["Sentence"], list[Hit]]


@dataclass(frozen=True)
class Rule:
    """A declarative framing rule.

    `kind` says what a hit means: a `step` is a good thing the message should contain
    somewhere, a `forbidden` hit is a violation wherever it occurs, and a `required`
    rule (company rules) reports when the message as a whole has no hit.
    `should_pass` texts are fine with respect to the rule (a step present, no violation);
    `should_fail` texts are not (step absent, or a violation present).
    """

    id: str
    title: str
    why: str
    kind: RuleKind
    severity: Severity
    detector: Detector
    message: str
    suggestion: str
    should_pass: tuple[str, ...] = field(default=())
    should_fail: tuple[str, ...] = field(default=())

    def detect(self, sentence: Sentence) -> list[Hit]:
        return self.detector(sentence)

    def passes(self, text: str) -> bool:
        """Whether a whole text is fine with respect to this rule alone."""
        from coach.text import split_sentences

        hit = any(self.detector(s) for s in split_sentences(text))
        return not hit if self.kind == "forbidden" else hit
