"""Sentence segmentation with character offsets, and masking of quoted speech.

A small regex segmenter instead of a general one: drafts are short business prose and
email lines, checking must stay well under a millisecond per line, and every sentence must
map back to exact offsets in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vs etc e.g i.e inc ltd co corp dept approx
    jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m ref tel fig cf al""".split()
)
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or at a line break.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n""")
_QUOTED = re.compile(
    r"""["“”]([^"“”\n]{1,400})["“”]|(?<![A-Za-z])['‘]([^'‘’\n]{3,400}?)['’](?![A-Za-z])"""
)
QUOTE_MASK = "\u2591"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a draft: its text, its offset in the draft, and the same text with
    quoted speech masked out (so quoting what the client said is not read as the writer's
    own words)."""

    text: str
    start: int
    masked: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def mask_quotes(text: str) -> str:
    """Replace the inside of quotations with a mask character, keeping every offset."""

    def blank(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole[0] + QUOTE_MASK * (len(whole) - 2) + whole[-1]

    return _QUOTED.sub(blank, text)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 24) : dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences with offsets; whitespace around sentences is not included."""
    masked = mask_quotes(text)
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if masked[end - 1] == QUOTE_MASK:  # a full stop inside a quotation
            continue
        if m.group(0) == "." and _is_abbreviation(text, m.start()):
            continue
        _append(out, text, masked, start, end)
        start = end
    _append(out, text, masked, start, len(text))
    return out


def _append(out: list[Sentence], text: str, masked: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(text=text[s:e], start=s, masked=masked[s:e]))
