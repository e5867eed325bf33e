"""Render a review (and a rewrite) for a terminal or as JSON.

Offending spans are coloured when the output is a terminal and bracketed with plain
markers otherwise, so a report piped into a file or a CI log still shows where they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from coach.checking.checker import Review
from coach.checking.rewrite import Rewrite
from coach.types import Finding

RESET = "\x1b[0m"
STYLES = {"violation": "\x1b[1;31m", "present": "\x1b[32m"}
PLAIN_MARKERS = {"violation": (">>", "<<")}


@dataclass(frozen=True)
class Style:
    colour: bool

    def span(self, text: str, kind: str) -> str:
        if self.colour and kind in STYLES:
            return f"{STYLES[kind]}{text}{RESET}"
        if not self.colour and kind in PLAIN_MARKERS:
            left, right = PLAIN_MARKERS[kind]
            return f"{left}{text}{right}"
        return text

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}{RESET}" if self.colour else text


def highlight(text: str, findings: list[Finding], offset: int, style: Style) -> str:
    """`text` (which starts at `offset` in the draft) with the findings' spans marked."""
    out: list[str] = []
    cursor = 0
    spans = sorted(
        (f.span[0] - offset, f.span[1] - offset, f.kind)
        for f in findings
        if f.span and f.kind in ("violation", "present")
    )
    for start, end, kind in spans:
        start, end = max(start, 0), min(end, len(text))
        if start < cursor or start >= end:
            continue
        out.append(text[cursor:start])
        out.append(style.span(text[start:end], kind))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def summary_line(review: Review) -> str:
    attacks = len(review.attacks)
    parts = [f"score {review.score}/100"]
    parts.append(f"{attacks} personal attack{'s' if attacks != 1 else ''}")
    others = [f for f in review.violations if f.rule_id != "personal_attack"]
    if others:
        parts.append(f"{len(others)} other violation{'s' if len(others) != 1 else ''}")
    parts.append("missing: " + (", ".join(review.missing) if review.missing else "none"))
    return " · ".join(parts)


def render_review(review: Review, style: Style) -> str:
    """Per-sentence findings, then the missing steps, then the summary."""
    lines: list[str] = []
    for i, sr in enumerate(review.sentences, 1):
        shown = [f for f in sr.findings if f.kind in ("violation", "present")]
        marked = highlight(sr.sentence.text, shown, sr.sentence.start, style)
        lines.append(f"{i:>3} | {marked}".replace("\n", "\n    | "))
        for f in sr.findings:
            if f.kind == "violation":
                fix = f"  → try: {f.replacements[0]}" if f.replacements else ""
                lines.append(f"    ✗ {f.rule_id} ({f.severity.value}): {f.message}{fix}")
        present: dict[str, bool] = {}
        for f in sr.findings:
            if f.kind == "present":
                present[f.rule_id] = present.get(f.rule_id, True) and f.learned
        lines.extend(
            f"    ✓ {rule_id}" + (" (learned model)" if learned else "")
            for rule_id, learned in present.items()
        )
    missing = [f for f in review.findings if f.kind == "missing"]
    if missing:
        lines.append("")
        lines.append(style.bold("Missing steps:"))
        for f in missing:
            lines.append(f"  - {f.rule_id} ({f.severity.value}): {f.message}")
    lines.append("")
    lines.append(style.bold(summary_line(review)))
    return "\n".join(lines)


def render_rewrite(rewrite: Rewrite, style: Style) -> str:
    lines = [style.bold("Suggested rewrite:"), "", rewrite.text.rstrip("\n"), ""]
    if rewrite.placeholders:
        lines.append("Fill in before sending: " + ", ".join(rewrite.placeholders))
    removed = sum(e.why.startswith("personal_attack") for e in rewrite.edits)
    if removed:
        lines.append(f"Reworded or removed {removed} sentence(s) that judged the person.")
    for problem in rewrite.problems:
        lines.append(f"Check this yourself: {problem}.")
    if rewrite.suggestions:
        lines += ["", style.bold("Your decisions (not added for you; fill in the [brackets]):")]
        for n, s in enumerate(rewrite.suggestions, 1):
            where = "near the start" if s.anchor == "opening" else "before the sign-off"
            lines.append(f"  {n}. {s.step} ({where}): {s.text}")
            lines += [f"       option: {option}" for option in s.options[1:]]
    diff = rewrite.diff()
    if diff:
        lines += ["", style.bold("Diff:"), diff.rstrip("\n")]
    return "\n".join(lines)


def check_record(review: Review) -> dict[str, object]:
    """The JSON object `coach check` prints for one text (stable CLI interface)."""
    full = review.to_dict()
    return {k: full[k] for k in ("text", "detected", "findings", "score", "missing")}


def review_record(review: Review, rewrite: Rewrite) -> dict[str, object]:
    return {**review.to_dict(), "rewrite": rewrite.to_dict(), "diff": rewrite.diff()}


def to_json(obj: object, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)
