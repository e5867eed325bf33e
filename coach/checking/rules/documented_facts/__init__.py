"""Rule: documented_facts — citing the documented situations behind the decision.

Counts of incidents, dated events, invoices and tickets, unpaid balances, missed
appointments, requests outside the agreed scope, breaches of a clause, conduct on record.
Not a date that only arranges what happens next ("your account closes on 30 November"),
not tenure ("over the last five years"), not a vague "there have been some issues".
"""

from __future__ import annotations

import re

from coach.checking.rules.base import Rule, SubCheck
from coach.checking.rules.phrases import phrase_pattern, phrases
from coach.checking.rules.scope import negated, overlaps, spans
from coach.text import Sentence
from coach.types import Severity, Span

_MONTHS = phrase_pattern(__name__, "months")
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = re.compile(
    rf"(?<![\w'’])(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:and|&|to|-)\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\s+(?:19|20)\d\d\b"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d{4}-\d{2}-\d{2}\b"
    rf"|(?:last|this\s+past|on|that)\s+(?:{_WEEKDAYS})\b"
    r"|on\s+the\s+(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|twenty-\w{3,6}|thirtieth|thirty-first)\b"
    rf"|(?:at|since|after|before|during|from)\s+(?:the|your|our)\s+(?:{_MONTHS})\s+\w{{3,15}}"
    rf"|from\s+(?:{_MONTHS})\s+(?:to|until|through|till)\s+(?:{_MONTHS})\b"
    rf"|'s\s+(?:{_MONTHS})\s+(?:visit|appointment|session|order|delivery|invoice|bill|review)"
    r"|(?:last|this\s+past)\s+(?:week|month|quarter|year|weekend|spring|summer|autumn|fall|"
    r"winter)\b|yesterday\b|(?:in|during|since)\s+(?:early\s+|mid-?|late\s+)?(?:"
    + _MONTHS
    + r")\b)",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"(?<![\w'’])(?:was|were|had|did|came|went|told|said|sent|rang|called|left|took|made|"
    r"paid|saw|got|gave|wrote|spoke|broke|swore|threw|ran|forgot|began|brought|bought|"
    r"arrived|happened|occurred|missed|cancelled|canceled|failed|refused|returned|"
    r"complained|shouted|yelled|raised|asked|requested|demanded|bounced|disputed|"
    r"reported|logged|recorded|damaged|injured|attended|phoned|emailed|texted|visited|"
    r"ordered|rejected|changed|reopened|escalated|[a-z]{3,20}ed)(?![\w'’])",
    re.IGNORECASE,
)


_FUTURE_BEFORE = re.compile(
    r"(?:will|would|shall|'ll|to|be|been|being|going\s+to\s+be)\s+(?:\w+\s+)?$", re.IGNORECASE
)


def _tells_the_past(text: str) -> bool:
    """A verb in the past tense that is not part of a future or passive-future phrase
    ("will be refunded", "is going to be disconnected")."""
    return any(
        not _FUTURE_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        for m in _PAST.finditer(text)
    )


def _dated(sentence: Sentence) -> list[Span]:
    """A date or day in a sentence that tells what happened, not what happens next."""
    text = sentence.masked
    if not _tells_the_past(text):
        return []
    logistics = spans(phrases(__name__, "logistics"), text)
    return [s for s in spans(_DATE, text) if not overlaps(s, logistics)]


def _counted(sentence: Sentence) -> list[Span]:
    text = sentence.masked
    logistics = spans(phrases(__name__, "logistics"), text)
    return [s for s in spans(phrases(__name__, "counts"), text) if not overlaps(s, logistics)]


def _reasons(sentence: Sentence) -> list[Span]:
    text = sentence.masked
    return [s for s in spans(phrases(__name__, "reasons"), text) if not negated(text, s[0])]


def _blocking(name: str) -> SubCheck:
    return SubCheck(
        f"documented_facts.{name}",
        lambda s: spans(phrases(__name__, name), s.masked),
        _MEANS[name],
        blocks=True,
    )


_MEANS = {
    "logistics": "a date or figure that only arranges what happens next, or tenure",
    "vague": "a vague reason: nothing the client could check",
}

RULE = Rule(
    id="documented_facts",
    title="Frame with documented situations",
    why="Recalling the documented situations that led here (dates, counts, invoices, scope) "
    "frames the decision without attacking the person.",
    kind="step",
    severity=Severity.SUGGESTION,
    message="Cite the documented situations: what happened, when, how often.",
    suggestion='Frame the decision with the record, e.g. "You have contacted us after each '
    'of the last five shipments to say your order was not satisfactory."',
    checks=(
        SubCheck("documented_facts.count", _counted, "a count of incidents"),
        SubCheck("documented_facts.dated", _dated, "a dated event"),
        SubCheck("documented_facts.reason", _reasons, "a concrete situation on record"),
        *(_blocking(name) for name in _MEANS),
    ),
    should_pass=(
        "You have contacted us after each of the last five shipments.",
        "On 14 March a member of our staff was shouted at in reception.",
        "Invoices 1043 and 1051 remain unpaid after 90 days.",
        "The redesign you asked for is outside the scope of our agreement.",
    ),
    should_fail=(
        "Your account will close on 30 November.",
        "You have been a client of ours for the last five years.",
        "There have been some issues recently.",
    ),
)
