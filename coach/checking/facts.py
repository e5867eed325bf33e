"""Facts in a draft — amounts, dates, counts, ids, clauses, names — with their spans.

The rewriter must keep every one of them word for word, so extraction errs on the side of
finding too much: a spurious "fact" costs a restated phrase, a missed one costs the client
a number they were promised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FactKind = Literal[
    "id", "amount", "percentage", "date", "clause", "duration", "count", "number", "name"
]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|hundred|a dozen)"
)
_NUM = r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?"
_CURRENCY_SIGN = r"[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|INR|Rs\.?)"
_CURRENCY_WORD = r"(?:USD|EUR|GBP|CHF|CAD|AUD|INR|dollars?|euros?|pounds?|rupees?)"
_SCALE = r"(?:\s?(?:k|m|bn|million|thousand|billion)\b)?"

_PATTERNS: tuple[tuple[FactKind, re.Pattern[str]], ...] = (
    (
        "id",
        re.compile(
            r"\b(?:invoice|inv|ticket|order|PO|purchase order|case|ref(?:erence)?|contract"
            r"|account|quote|claim|shipment|incident|booking|job)s?"
            r"(?:\s?(?:no\.?|number|nr\.?|id))?\s?[:#]?\s?#?[A-Z0-9][A-Z0-9/_-]{0,20}\d[A-Z0-9/_-]{0,20}\b"
            r"|#\d[\w-]{0,30}|\b[A-Z]{2,12}[-/]?\d[\w/-]{0,30}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "amount",
        re.compile(
            rf"(?:{_CURRENCY_SIGN})\s?(?:{_NUM}){_SCALE}"
            rf"|\b(?:{_NUM}){_SCALE}\s?(?:{_CURRENCY_WORD}|[$€£¥₹])(?![A-Za-z])",
            re.IGNORECASE,
        ),
    ),
    ("percentage", re.compile(rf"\b(?:{_NUM})\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)),
    (
        "date",
        re.compile(
            r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
            rf"|\b(?:{_WEEKDAY},?\s)?{_ORD}\s(?:of\s)?{_MONTH}(?:,?\s\d{{4}})?\b"
            rf"|\b(?:{_WEEKDAY},?\s)?{_MONTH}\s{_ORD}(?:,?\s\d{{4}})?\b"
            rf"|\b{_MONTH}\s\d{{4}}\b|\bQ[1-4]\s\d{{4}}\b|\b{_WEEKDAY}\b",
        ),
    ),
    (
        "clause",
        re.compile(
            r"(?:\b(?:clause|section|article|paragraph|annex|schedule|appendix)|§)\s?"
            r"\d+(?:\.\d+)*(?:\s?\([a-z0-9]+\))?",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:{_NUM}|{_NUMBER_WORD}|one|a|an)[\s-](?:full\s)?"
            r"(?:years?|months?|weeks?|days?|hours?|minutes?|business days?|working days?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "count",
        re.compile(
            rf"\b(?:{_NUM}|{_NUMBER_WORD})\s(?:(?:more|separate|further|new|other)\s)?"
            r"(?!(?:is|was|has|does|as|us|this|its|yes|plus|less|miss)\b)[a-z]{2,30}s\b",
            re.IGNORECASE,
        ),
    ),
    ("number", re.compile(rf"\b(?:{_NUM})\b|\b{_NUMBER_WORD}\b", re.IGNORECASE)),
    (
        "name",
        re.compile(
            r"\b(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)?[A-Z][a-z]{1,30}(?:[A-Z][a-z]{1,30}){0,3}"
            r"(?:\s(?:&\s)?[A-Z][a-zA-Z]{1,30}){0,6}",
        ),
    ),
)

# Capitalised words that are ordinary at a sentence start or are not names.
_NOT_NAME_WORDS = """
I A An The This That These Those We Our Ours Us You Your Yours He She It They Their Dear
Hi Hello Hey Thanks Thank Best Kind Regards Sincerely Yours Cheers Please Sorry
Unfortunately However Also And But Or So If As After Before Since When While Over
Following Regarding Due To In On At For From With Of By As Here There What Which Who
Looking Given Good Many Any All Some No Not Just Still Yes Team Sir Madam
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_VAGUE_DURATION = re.compile(r"^(?:a|an|one)[\s-]", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    text: str
    start: int
    end: int


def extract_facts(text: str) -> list[Fact]:
    """Non-overlapping facts in text order; earlier kinds in `_PATTERNS` win overlaps."""
    taken = bytearray(len(text))  # 1 where an earlier fact already sits: linear in the text
    out: list[Fact] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            value = m.group(0).strip()
            if kind == "name":
                start, value = _name_part(text, start, value)
            if not value or any(taken[start:end]):
                continue
            if kind == "duration" and _VAGUE_DURATION.match(value):
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append(Fact(kind, value, start, start + len(value)))
    return sorted(out, key=lambda f: f.start)


def _name_part(text: str, start: int, value: str) -> tuple[int, str]:
    """The name inside a run of capitalised words (`Dear Maria` → `Maria`), or ''."""
    words = value.split(" ")
    while words and words[0] in _NOT_NAMES:
        start += len(words.pop(0)) + 1
    if not words:
        return start, ""
    value = " ".join(words)
    if len(words) > 1 or words[0] in ("Mr", "Mrs", "Ms", "Dr", "Prof"):
        return start, value
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘(")
    # A single capitalised word counts only mid-sentence (else it is just the first word).
    if before and before[-1] not in ".!?:\n":
        return start, value
    return start, ""


def fact_texts(text: str) -> list[str]:
    return [f.text for f in extract_facts(text)]


def join_facts(facts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(facts) <= 1:
        return "".join(facts)
    return ", ".join(facts[:-1]) + " and " + facts[-1]
