"""What every framing rule is made of: named sub-checks over a sentence, and the rule's data.

A rule is declarative: an id, a title, why it matters, what kind of thing a hit is, the
message and suggestion a user sees, examples that must pass and fail, and a tuple of small
named sub-checks (`apology.announcement`, `personal_attack.always_never`). A sub-check
finds spans in one sentence; a blocking sub-check is the rule's own "no" (an announcement
idiom is not an apology, a refused refund is not goodwill). The learned model sits beside
the rules in the checker and may add or veto a verdict; rules never import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from coach.types import Hit, Severity, Span

if TYPE_CHECKING:
    from coach.text import Sentence

RuleKind = Literal["step", "forbidden", "required"]
Finder = Callable[["Sentence"], list[Span]]
Detector = Callable[["Sentence"], list[Hit]]


@dataclass(frozen=True)
class SubCheck:
    """One small, named check. `finds` returns spans into the sentence's text."""

    name: str
    finds: Finder
    means: str
    blocks: bool = False
    certain: bool = False  # a hit the learned model may not veto (an insult)


@dataclass(frozen=True)
class Evidence:
    """What a rule's sub-checks saw in one sentence: positive hits and blocking checks."""

    hits: tuple[Hit, ...] = ()
    blocked_by: tuple[str, ...] = ()
    certain: bool = False  # a hit came from a check the model may not veto

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_by)


@dataclass(frozen=True)
class Rule:
    """A declarative framing rule.

    `kind` says what a hit means: a `step` is a good thing the message should contain
    somewhere, a `forbidden` hit is a violation wherever it occurs, and a `required`
    rule (company rules) reports when the message as a whole has no hit.
    `should_pass` texts are fine with respect to the rule (a step present, no violation);
    `should_fail` texts are not (step absent, or a violation present).
    Built-in rules have `checks`; company rules supply a plain `detector`.
    """

    id: str
    title: str
    why: str
    kind: RuleKind
    severity: Severity
    message: str
    suggestion: str
    checks: tuple[SubCheck, ...] = ()
    detector: Detector | None = None
    should_pass: tuple[str, ...] = field(default=())
    should_fail: tuple[str, ...] = field(default=())

    def evidence(self, sentence: Sentence) -> Evidence:
        """Hits of the positive sub-checks that no blocking sub-check overlaps, and the
        blocking checks that matched when nothing positive is left."""
        if self.detector is not None:
            return Evidence(hits=tuple(self.detector(sentence)))
        hits: list[Hit] = []
        blocks: list[tuple[str, list[Span]]] = []
        certain = {c.name for c in self.checks if c.certain}
        for check in self.checks:
            found = check.finds(sentence)
            if not found:
                continue
            if check.blocks:
                blocks.append((check.name, found))
            else:
                hits.extend(Hit(s, e, check=check.name) for s, e in found)
        blocked_spans = [span for _, found in blocks for span in found]
        kept = tuple(h for h in hits if not _overlaps((h.start, h.end), blocked_spans))
        return Evidence(
            kept,
            () if kept else tuple(name for name, _ in blocks),
            certain=any(h.check in certain for h in kept),
        )

    def explain(self, check_name: str) -> str:
        """What a sub-check's match means, for the finding a user sees."""
        return next((c.means for c in self.checks if c.name == check_name), self.title)


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)
