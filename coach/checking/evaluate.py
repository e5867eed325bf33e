"""Score the checker against labelled JSON Lines: per-rule precision / recall / F1.

Each line is `{"text": ..., "labels": {rule id: bool, ...}, "kind": "sentence"|"email"}`.
A rule is "predicted" when `check(text).detected[rule]` is true.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coach.checking.checker import check
from coach.checking.profile import Profile
from coach.checking.rules import BUILTIN_IDS


class DatasetError(ValueError):
    """A labelled file that cannot be used; names the file and line."""


@dataclass(frozen=True)
class Example:
    text: str
    labels: dict[str, bool]
    kind: str
    source: str
    writer: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def record(self, expected: bool, got: bool) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
        }


@dataclass(frozen=True)
class Error:
    example: Example
    rule_id: str
    expected: bool


@dataclass
class Evaluation:
    counts: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in BUILTIN_IDS})
    errors: list[Error] = field(default_factory=list)
    examples: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, Evaluation] = field(default_factory=dict)
    ordinary_calls: int = 0  # call lines that carry no element at all
    ordinary_calls_attacked: int = 0  # ... that the checker still called an attack

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.counts.values()) / len(self.counts)

    def add(self, ex: Example, detected: dict[str, bool]) -> None:
        self.examples += 1
        self.by_kind[ex.kind] = self.by_kind.get(ex.kind, 0) + 1
        for rule_id, counts in self.counts.items():
            expected, got = ex.labels[rule_id], detected[rule_id]
            counts.record(expected, got)
            if expected != got:
                self.errors.append(Error(ex, rule_id, expected))
        if ex.kind == "call" and not any(ex.labels.values()):
            self.ordinary_calls += 1
            self.ordinary_calls_attacked += detected["personal_attack"]

    def score(self, ex: Example, detected: dict[str, bool]) -> None:
        """Add one example to the whole and to its kind of text."""
        self.add(ex, detected)
        self.kinds.setdefault(ex.kind, Evaluation()).add(ex, detected)

    def to_dict(self, with_errors: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "examples": self.examples,
            "by_kind": dict(self.by_kind),
            "macro_f1": round(self.macro_f1, 4),
            "rules": {r: c.to_dict() for r, c in self.counts.items()},
        }
        if len(self.kinds) > 1:
            out["kinds"] = {k: e.to_dict() for k, e in self.kinds.items()}
        if self.ordinary_calls:
            out["ordinary_calls"] = {
                "lines": self.ordinary_calls,
                "called_an_attack": self.ordinary_calls_attacked,
            }
        if with_errors:
            out["errors"] = [
                {
                    "rule_id": e.rule_id,
                    "expected": e.expected,
                    "text": e.example.text,
                    "source": e.example.source,
                }
                for e in self.errors
            ]
        return out


def dataset_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.rglob("*.jsonl"))
        if not files:
            raise DatasetError(f"{path}: no .jsonl files")
        return files
    if not path.is_file():
        raise DatasetError(f"no such file or directory: {path}")
    return [path]


def load_examples(path: Path) -> list[Example]:
    """All labelled examples under a file or directory; a bad line is a `DatasetError`."""
    out: list[Example] = []
    for file in dataset_files(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise DatasetError(f"{file}: cannot read: {exc}") from None
        for n, line in enumerate(lines, 1):
            if line.strip():
                out.append(_example(line, f"{file}:{n}"))
    return out


def _example(line: str, source: str) -> Example:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{source}: not JSON: {exc.msg}") from None
    labels = record.get("labels") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise DatasetError(f'{source}: expected an object with a "text" string')
    if not isinstance(labels, dict) or set(labels) != set(BUILTIN_IDS):
        raise DatasetError(f"{source}: labels must give all of {', '.join(BUILTIN_IDS)}")
    if not all(isinstance(v, bool) for v in labels.values()):
        raise DatasetError(f"{source}: labels must be true or false")
    kind = str(record.get("kind", "sentence"))
    return Example(record["text"], labels, kind, source, str(record.get("writer", "")))


def evaluate(
    examples: Iterable[Example], profile: Profile | None = None, learned: bool = True
) -> Evaluation:
    """Score the checker on labelled examples, overall and per kind of text.

    `learned=False` scores the phrase checks alone (the learned model switched off)."""
    result = Evaluation()
    for ex in examples:
        result.score(ex, check(ex.text, profile, learned=learned).detected)
    return result


def render_table(result: Evaluation) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(result.by_kind.items()))
    lines = [f"{result.examples} examples ({kinds})", "", *_rule_rows(result)]
    lines += ["", f"macro-F1 {result.macro_f1:.3f}"]
    if len(result.kinds) > 1:
        lines += ["", "by kind of text:"]
        for kind, sub in sorted(result.kinds.items()):
            per_rule = " ".join(f"{r[:8]} {c.f1:.2f}" for r, c in sub.counts.items())
            lines.append(f"  {kind:<9}{sub.examples:>6}  macro-F1 {sub.macro_f1:.3f}  {per_rule}")
    if result.ordinary_calls:
        share = result.ordinary_calls_attacked / result.ordinary_calls
        lines += [
            "",
            f"ordinary call lines called an attack: {result.ordinary_calls_attacked} of "
            f"{result.ordinary_calls} ({100 * share:.1f} in 100)",
        ]
    return "\n".join(lines)


def _rule_rows(result: Evaluation) -> list[str]:
    rows = [
        f"{'rule':<18}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}{'TP':>6}{'FP':>6}"
        f"{'FN':>6}{'TN':>6}"
    ]
    for rule_id, c in result.counts.items():
        rows.append(
            f"{rule_id:<18}{c.precision:>7.3f}{c.recall:>8.3f}{c.f1:>7.3f}{c.support:>9}"
            f"{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.tn:>6}"
        )
    return rows


def render_errors(result: Evaluation) -> str:
    lines = []
    for e in result.errors:
        what = "missed" if e.expected else "false alarm"
        lines.append(f"{e.example.source}  {e.rule_id} {what}: {e.example.text[:160]!r}")
    return "\n".join(lines)
