"""Value types shared across coach/: what a check concludes, free of any engine or UI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Span = tuple[int, int]
FindingKind = Literal["present", "violation", "missing"]


class Severity(StrEnum):
    """How loudly a finding is reported; `error` findings make `coach check` exit 1."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Hit:
    """One place a detector matched, as offsets into the sentence's text."""

    start: int
    end: int
    replacements: tuple[str, ...] = ()
    learned: bool = False  # from the learned model, not a phrase check
    check: str = ""  # the named sub-check that fired


@dataclass(frozen=True)
class Finding:
    """What a rule says about a draft: evidence of a step, a violation, or a missing step.

    `span` is into the original text; message-level findings (a missing step) have none.
    `check` names the sub-check that fired ("personal_attack.always_never"), or "model"
    when only the learned model saw it.
    """

    rule_id: str
    message: str
    span: Span | None
    severity: Severity
    kind: FindingKind
    replacements: tuple[str, ...] = ()
    learned: bool = False
    check: str = ""

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
        if self.check:
            out["check"] = self.check
        if self.span:
            out["quote"] = text[self.span[0] : self.span[1]]
        return out


@dataclass(frozen=True)
class Correction:
    """A detail the draft misstates, and the value the record gives for it."""

    start: int
    end: int
    wrong: str
    right: str
    why: str = ""


@dataclass(frozen=True)
class Record:
    """What the writer may cite or offer, from a rehearsal's scenario or a pasted log: the
    documented incidents (as citable lines), goodwill options, other providers, and
    corrections to details the draft misstates. The rewriter draws on it and on nothing
    else, so it never invents a commitment."""

    incidents: tuple[str, ...] = ()
    goodwill: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()


# Shared by the engines, the mood rules, the judge and the UI, so none of them depends on an
# engine's interface to name the client's state or a verdict.
@dataclass(frozen=True)
class Mood:
    """The simulated client's state, each 0–10."""

    anger: int
    trust: int
    readiness: int

    def clamped(self) -> Mood:
        def c(v: int) -> int:
            return max(0, min(10, v))

        return Mood(c(self.anger), c(self.trust), c(self.readiness))


@dataclass(frozen=True)
class RuleVerdict:
    """A judge's view of one rule, shown next to the checker's when they disagree."""

    rule_id: str
    present: bool
    evidence: str = ""
