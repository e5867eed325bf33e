"""Turning a checker `Review` into what the pages show: highlighted HTML, per-rule
verdicts and a side-by-side diff. Pure functions (no Streamlit) so they are easy to test."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from typing import Literal

from coach.checking.checker import Review
from coach.text.sentences import split_sentences
from coach.types import Finding

Verdict = Literal["passed", "missing", "attack", "not in this line"]
# Material icons render everywhere (no emoji font needed), coloured for both themes.
VERDICT_ICONS: dict[Verdict, str] = {
    "passed": ":green[:material/check_circle:]",
    "missing": ":orange[:material/radio_button_unchecked:]",
    "attack": ":red[:material/block:]",
    "not in this line": ":gray[:material/remove:]",
}

# Semi-transparent colours read well on both the light and the dark theme.
_MARK_STYLE = {
    "violation": "background: rgba(230, 60, 60, 0.35); text-decoration: underline wavy;",
    "present": "background: rgba(60, 170, 90, 0.30);",
}
_DIFF_STYLE = {
    "del": "background: rgba(230, 60, 60, 0.30); text-decoration: line-through;",
    "ins": "background: rgba(60, 170, 90, 0.30); text-decoration: none;",
}


@dataclass(frozen=True)
class RuleVerdict:
    rule_id: str
    title: str
    verdict: Verdict
    why: str


def verdicts(review: Review) -> list[RuleVerdict]:
    """One verdict per active rule: a step passed or missing, a forbidden rule attacked."""
    out = []
    for rule_id, rule in review.rules.items():
        mine = [f for f in review.findings if f.rule_id == rule_id]
        violated = [f for f in mine if f.kind in ("violation", "missing")]
        present = any(f.kind == "present" for f in mine)
        if rule.kind == "forbidden":
            verdict: Verdict = "attack" if violated else "passed"
        elif review.mode == "line" and rule.kind == "step":
            verdict = "passed" if present else "not in this line"
        else:
            verdict = "missing" if violated else "passed"
        why = violated[0].message if violated else rule.why
        out.append(RuleVerdict(rule_id, rule.title or rule_id, verdict, why or rule.title))
    return out


def highlight_html(
    text: str, findings: tuple[Finding, ...] | list[Finding], offset: int = 0
) -> str:
    """The text, HTML-escaped, with each finding's span marked (violations win overlaps).

    `offset` is where `text` starts in the reviewed draft (to show a single sentence)."""
    marks = sorted(
        (f for f in findings if f.span and f.kind in _MARK_STYLE),
        key=lambda f: (f.span[0] if f.span else 0, f.kind != "violation"),
    )
    pieces: list[str] = []
    pos = 0
    for f in marks:
        assert f.span is not None
        start, end = max(f.span[0] - offset, pos), min(f.span[1] - offset, len(text))
        if start >= end:
            continue
        pieces.append(html.escape(text[pos:start]))
        label = html.escape(f"{f.rule_id}: {f.message}", quote=True)
        pieces.append(
            f'<mark style="{_MARK_STYLE[f.kind]} color: inherit;" title="{label}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    pieces.append(html.escape(text[pos:]))
    return _paragraphs("".join(pieces))


def sentence_diff_html(old: str, new: str) -> str:
    """Draft and rewrite side by side, sentence by sentence: what stayed, what went, what
    was added or reworded (whole sentences, so words from the two never interleave)."""
    before = [s.text for s in split_sentences(old)]
    after = [s.text for s in split_sentences(new)]
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = before[i1:i2], after[j1:j2]
        for n in range(max(len(left), len(right))):
            a = left[n] if n < len(left) else ""
            b = right[n] if n < len(right) else ""
            rows.append(_diff_row(op, a, b))
    head = "<tr><th>Your draft</th><th>Rewrite</th></tr>"
    return (
        '<table style="width: 100%; border-collapse: collapse; table-layout: fixed;">'
        f"{head}{''.join(rows)}</table>"
    )


def _diff_row(op: str, before: str, after: str) -> str:
    cell = "padding: 4px 8px; vertical-align: top; overflow-wrap: anywhere;"
    left = html.escape(before)
    right = html.escape(after)
    if op != "equal":
        left = f'<del style="{_DIFF_STYLE["del"]} color: inherit;">{left}</del>' if before else ""
        right = f'<ins style="{_DIFF_STYLE["ins"]} color: inherit;">{right}</ins>' if after else ""
    return f'<tr><td style="{cell}">{left}</td><td style="{cell}">{right}</td></tr>'


def _paragraphs(body: str) -> str:
    """Keep the draft's line breaks, wrap long words on narrow screens."""
    return (
        '<div style="white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6;">'
        f"{body}</div>"
    )
