"""Sentence segmentation with character offsets, and masking of quoted speech.

A small segmenter instead of a general one: drafts are short business prose and call lines,
checking must stay well under a millisecond per line, and every sentence must map back to
exact offsets in the original text. Every pattern here is linear in the text: a run of
punctuation is matched once from its first character (the look-behind stops a retry from
inside the run), quotations are bounded in length, and an over-long "sentence" (a pasted
log, a line of dots) is cut into pieces of at most `MAX_SENTENCE` characters so that no rule
ever sees more than that at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vs etc e.g i.e inc ltd co corp dept approx
    jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m ref tel fig cf al dds dmd md
    phd esq llp llc pty pvt plc attn encl enc""".split()
)
# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space, or at a line
# break. Possessive quantifiers and the look-behind make a long run cost one pass.
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s)|\n""")
_QUOTED = re.compile(
    r"""["“”]([^"“”\n]{1,400})["“”]|(?<![A-Za-z])['‘]([^'‘’\n]{3,400}?)['’](?![A-Za-z])"""
)
_WORD_BEFORE = re.compile(r"[A-Za-z.]{1,24}$")
QUOTE_MASK = "\u2591"
MAX_SENTENCE = 600


@dataclass(frozen=True)
class Sentence:
    """A sentence of a draft: its text, its offset in the draft, and the same text with
    quoted speech and template placeholders masked out (so quoting what the client said is
    not read as the writer's own words, and `[date]` is not read as a date)."""

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
    word = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if not word:
        return False
    token = word.group(0).lower().strip(".")
    return token in _ABBREVIATIONS or len(token) == 1


def split_sentences(text: str, masked: str | None = None) -> list[Sentence]:
    """Split into sentences with offsets; whitespace around sentences is not included.

    `masked` is the text with quotations (and anything else rules must not read) masked,
    the same length as `text`; by default only quotations are masked.
    """
    masked = mask_quotes(text) if masked is None else masked
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
    s = start + len(chunk) - len(chunk.lstrip())
    e = s + len(stripped)
    while e - s > MAX_SENTENCE:
        cut = _cut_point(text, s, s + MAX_SENTENCE)
        out.append(Sentence(text=text[s:cut].rstrip(), start=s, masked=masked[s:cut].rstrip()))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append(Sentence(text=text[s:e], start=s, masked=masked[s:e]))


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last clause mark or space before
    `limit`, else at `limit` itself."""
    window = text[start:limit]
    for marks in (";:,", " \t"):
        best = max(window.rfind(c) for c in marks)
        if best > len(window) // 2:
            return start + best + 1
    return limit
