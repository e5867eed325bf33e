"""Rule: goodwill — the writer offers something concrete as a parting gesture.

A refund, a waived or cancelled invoice, a credit, free months or sessions, no exit fee,
records or files handed over, help with the transition, emergency cover. Not refused,
conditional or counterfactual offers ("no refund will be issued", "we would have waived
the fee"), and not payment terms or demands.
"""

from __future__ import annotations

from coach.checking.rules.base import Rule, SubCheck
from coach.checking.rules.phrases import phrases
from coach.checking.rules.scope import clause_of, negated, spans
from coach.text import Sentence
from coach.types import Severity, Span


def _unnegated(sentence: Sentence, name: str) -> list[Span]:
    text = sentence.masked
    return [s for s in spans(phrases(__name__, name), text) if not negated(text, s[0])]


def _offers(sentence: Sentence) -> list[Span]:
    return _unnegated(sentence, "offers")


def _continuity(sentence: Sentence) -> list[Span]:
    return spans(phrases(__name__, "continuity"), sentence.masked)


def _refused(sentence: Sentence) -> list[Span]:
    """A refusal, condition or contractual basis cancels offers in its whole clause: "any
    refund would have to go through head office", "refunded in line with clause 9"."""
    text = sentence.masked
    return [clause_of(text, s) for s in spans(phrases(__name__, "refused"), text)]


RULE = Rule(
    id="goodwill",
    title="Extend goodwill",
    why="Something that makes the departing client feel like a winner (a refund, a "
    "cancelled invoice) ends things faster and more gracefully.",
    kind="step",
    severity=Severity.SUGGESTION,
    message="Offer something concrete: a refund, a cancelled invoice, a free handover.",
    suggestion="Extend goodwill: offer a refund, cancel the last invoice or hand over the "
    "files at no charge, if you can.",
    checks=(
        SubCheck(
            "goodwill.first_person",
            lambda s: _unnegated(s, "first_person"),
            "the writer offers it in their own words",
            certain=True,
        ),
        SubCheck("goodwill.offer", _offers, "the writer gives or forgoes something"),
        SubCheck(
            "goodwill.continuity",
            _continuity,
            "cover during the change-over: care, supply or records passed on",
        ),
        SubCheck(
            "goodwill.refused",
            _refused,
            "a refused, conditional or contractual payment is not a gesture",
            blocks=True,
        ),
    ),
    should_pass=(
        "I'm issuing a refund for this past month.",
        "We won't charge you for the final visit.",
        "My office will be glad to forward your records to your new dentist.",
    ),
    should_fail=(
        "No refund will be issued for the current term.",
        "Payment of the outstanding balance is due within 30 days.",
        "We would have waived the fee if you had asked sooner.",
    ),
)
