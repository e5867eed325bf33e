"""Turning a checker `Review` into what the pages show: highlighted HTML, per-rule
verdicts and a word-level diff. Pure functions (no Streamlit) so they are easy to test."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Literal

from coach.checking.checker import Review
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


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def diff_html(old: str, new: str) -> str:
    """A word-level diff of `old` → `new`: removed words struck out, added ones marked."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            pieces.append(_wrap("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(_wrap("ins", "".join(b[j1:j2])))
        if op == "equal":
            pieces.append(html.escape("".join(a[i1:i2])))
    return _paragraphs("".join(pieces))


def _wrap(tag: str, text: str) -> str:
    return f'<{tag} style="{_DIFF_STYLE[tag]} color: inherit;">{html.escape(text)}</{tag}>'


def _paragraphs(body: str) -> str:
    """Keep the draft's line breaks, wrap long words on narrow screens."""
    return (
        '<div style="white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6;">'
        f"{body}</div>"
    )
