"""Rule: alternatives — the writer points the client somewhere they will be served.

A named provider, a directory, a referral service or society, an enclosed list, or an offer
to help find or introduce someone. Not "find another provider" with nothing specific, and
not a refusal to recommend anyone.
"""

from __future__ import annotations

import re

from coach.checking.rules.base import Rule, SubCheck
from coach.checking.rules.phrases import phrases
from coach.checking.rules.scope import negated, spans
from coach.text import Sentence
from coach.text.placeholders import SLOT_MASK
from coach.types import Severity, Span

# What may follow a pointer for it to name a provider: a capitalised name (not "I"), a
# title and name, a template slot, or a specific kind of provider with "the"/"a list".
_NAMED = re.compile(
    rf"\s*(?:(?:to|with|at|on|over\s+to|onto|try|contact|call)\s+)?(?:the\s+(?=[A-Z]))?"
    rf"(?:{SLOT_MASK}|(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+[A-Z]|(?!I\b)[A-Z][\w&'’.-]{{0,40}}[\w&]"
    rf"|[A-Z]\b)"
)


# A provider's name: a title and name, two or more capitalised words, or one capitalised word
# that does not open the sentence ("... and ShineRight are good").
_NAME = re.compile(
    r"(?<![\w'’])(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+[A-Z][\w'’-]{1,30}(?:\s+[A-Z][\w'’-]{1,30})?"
    r"|[A-Z][\w&'’.-]{1,30}(?:\s+(?:&\s+|and\s+|of\s+|at\s+|on\s+|in\s+|de\s+)?"
    r"[A-Z][\w&'’.-]{0,30}){1,5}|(?<=[a-z,;]\s)[A-Z][a-z]{2,30}[A-Z][\w&]{1,20})"
)
_NOT_PROVIDERS = frozenset(
    "I We Our You Your The This That These Those It Thank Thanks Dear Please If As Any "
    "My He She They Mr Mrs Ms Dr Sir Madam Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October "
    "November December".split()
)


_STOPPING = re.compile(
    r"\s+(?:not\b|no\s+longer|be\s+(?:ending|closing|stopping|discontinuing|terminating|"
    r"ceasing|leaving|withdrawing|disconnect))",
    re.IGNORECASE,
)


def _provider_subject(sentence: Sentence) -> list[Span]:
    """A named provider followed shortly by what it does for the client."""
    text = sentence.masked
    verbs = phrases(__name__, "provider_verbs")
    out = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        if all(w.strip(".,") in _NOT_PROVIDERS for w in words):
            continue
        after = verbs.search(text, m.end(), min(len(text), m.end() + 60))
        if after is None or text[m.end() : after.start()].strip(" ,'’s").count(" ") > 4:
            continue
        if not _STOPPING.match(text, after.end(), min(len(text), after.end() + 30)):
            out.append((m.start(), after.end()))
    return out


def _named_after(text: str, end: int) -> bool:
    return bool(_NAMED.match(text, end, min(len(text), end + 40)))


def _pointers(sentence: Sentence) -> list[Span]:
    text = sentence.masked
    out = []
    for s, e in spans(phrases(__name__, "pointers"), text):
        if not negated(text, s) and _named_after(sentence.masked, e):
            out.append((s, e))
    return out


def _positive(name: str) -> SubCheck:
    def finds(sentence: Sentence) -> list[Span]:
        text = sentence.masked
        return [s for s in spans(phrases(__name__, name), text) if not negated(text, s[0])]

    return SubCheck(f"alternatives.{name}", finds, _MEANS[name])


_MEANS = {
    "sources": "a list, directory or referral service",
    "offers_help": "an offer to help find or introduce another provider",
}

RULE = Rule(
    id="alternatives",
    title="Offer alternatives",
    why="Don't leave the client hanging: tell them where they can pick up from where you "
    "leave them.",
    kind="step",
    severity=Severity.SUGGESTION,
    message="Point the client to specific alternatives, not just 'find someone else'.",
    suggestion="Offer alternatives: name one or two providers who may serve them better, "
    "or a directory to find one.",
    checks=(
        SubCheck("alternatives.named", _pointers, "a named provider to try"),
        SubCheck("alternatives.provider", _provider_subject, "a named provider who can help"),
        *(_positive(name) for name in _MEANS),
        SubCheck(
            "alternatives.refusal",
            lambda s: spans(phrases(__name__, "refusal"), s.masked),
            "'find someone else' with nothing specific, or a refusal to recommend",
            blocks=True,
        ),
    ),
    should_pass=(
        "You may want to try Harbour Catering or Greenleaf Events.",
        "The county dental society can refer you to a new dentist.",
        "I'm happy to suggest a couple of agencies who take on work like yours.",
    ),
    should_fail=(
        "You will need to find another provider.",
        "We are not able to recommend another firm.",
        "There are plenty of other caterers out there.",
    ),
)
