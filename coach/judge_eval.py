"""Score the checker, the LLM judge and their merge side by side on labelled JSON Lines.

A judge that is only ever seen next to the checker cannot be measured; this asks it about
each labelled item on its own (one verdict request, no rewrite: the same request a coached
draft makes first) and scores three verdicts per rule: the checker's, the judge's as it
answered, and the merged one users are shown (`coach.judge.Merged.detected`). An item the
endpoint fails on (timeout, 429, 5xx, malformed output) has no verdict: the judge is scored
as finding nothing there, the merged verdict is the checker's, and the failures are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import openai

from coach.checking.checker import check
from coach.checking.evaluate import Evaluation, Example
from coach.checking.profile import Profile
from coach.checking.rules import BUILTIN_IDS
from coach.engines.base import Usage
from coach.judge import merge

if TYPE_CHECKING:
    from coach.engines.openai_engine import OpenAIEngine

SOURCES = ("checker", "judge", "merged")


@dataclass
class Comparison:
    """The three scores on the same items, and what the judge's requests cost."""

    model: str
    scores: dict[str, Evaluation] = field(
        default_factory=lambda: {s: Evaluation() for s in SOURCES}
    )
    usage: Usage = field(default_factory=Usage)
    no_verdict: Counter[str] = field(default_factory=Counter)  # fault_label -> items

    def to_dict(self, with_errors: bool = False) -> dict[str, object]:
        checker = self.scores["checker"]
        return {
            "examples": checker.examples,
            "by_kind": dict(checker.by_kind),
            "model": self.model,
            **{
                source: score.to_dict(with_errors=with_errors and source == "checker")
                for source, score in self.scores.items()
            },
            "requests": self.usage.requests,
            "prompt_tokens": self.usage.prompt_tokens,
            "completion_tokens": self.usage.completion_tokens,
            "tokens_approximate": self.usage.approximate,
            "cost_usd": self.usage.cost_usd,
            "no_verdict": sum(self.no_verdict.values()),
            "no_verdict_by_fault": dict(self.no_verdict),
        }


def compare(
    examples: Iterable[Example],
    engine: OpenAIEngine,
    profile: Profile | None = None,
    learned: bool = True,
) -> Comparison:
    """Check, judge and merge every example; one verdict request each (plus retries)."""
    out = Comparison(model=f"{engine.name}:{engine.settings.model_name()}")
    for ex in examples:
        review = check(ex.text, profile, learned=learned)
        judged = engine.judge(ex.text)
        out.usage.add(judged.usage)
        if judged.fault is not None:
            out.no_verdict[fault_label(judged.fault)] += 1
        said: dict[str, bool] = {}
        for v in judged.verdicts:  # the first verdict on a rule counts, as in the merge
            said.setdefault(v.rule_id, v.present)
        out.scores["checker"].score(ex, review.detected)
        out.scores["judge"].score(ex, {r: said.get(r, False) for r in BUILTIN_IDS})
        out.scores["merged"].score(ex, merge(review, judged.verdicts).detected(review))
    return out


def fault_label(exc: Exception) -> str:
    """What kept the verdict from an item, in a word or two."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return f"HTTP {status}"
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException, TimeoutError)):
        return "timeout"
    if isinstance(exc, ValueError):
        return "unusable output"
    return type(exc).__name__


def render_comparison(result: Comparison) -> str:
    """Per-rule F1 and macro-F1 of the three, side by side, then the requests' cost."""
    checker = result.scores["checker"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(checker.by_kind.items()))
    header = f"{'F1':<18}" + "".join(f"{s:>9}" for s in SOURCES) + f"{'support':>9}"
    lines = [f"{checker.examples} examples ({kinds}); judge {result.model}", "", header]
    for rule_id in BUILTIN_IDS:
        f1s = "".join(f"{result.scores[s].counts[rule_id].f1:>9.3f}" for s in SOURCES)
        lines.append(f"{rule_id:<18}{f1s}{checker.counts[rule_id].support:>9}")
    lines.append(
        f"{'macro-F1':<18}" + "".join(f"{result.scores[s].macro_f1:>9.3f}" for s in SOURCES)
    )
    u = result.usage
    tokens = f"{u.prompt_tokens:,} prompt + {u.completion_tokens:,} completion tokens"
    if u.approximate:
        tokens += " (approximate)"
    if u.cost_usd is not None:
        tokens += f", about ${u.cost_usd:.4f}"
    failed = sum(result.no_verdict.values())
    faults = ", ".join(f"{k} {n}" for k, n in result.no_verdict.most_common())
    lines += [
        "",
        f"judge requests: {u.requests}; {tokens}",
        f"items without a verdict: {failed}" + (f" ({faults})" if faults else ""),
    ]
    return "\n".join(lines)
