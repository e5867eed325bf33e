"""Rule: apology — the writer sincerely apologises or expresses regret.

Not an announcement idiom ("I'm sorry to say", "we regret to inform you"), not a
non-apology ("sorry you feel that way", "sorry, but you are the problem"), not a refusal
("we won't apologise"), not the mechanics of a call ("sorry, you cut out").
"""

from __future__ import annotations

from coach.checking.rules.base import Rule, SubCheck
from coach.checking.rules.phrases import phrases
from coach.checking.rules.scope import negated, spans
from coach.text import Sentence
from coach.types import Severity, Span


def _sorry(sentence: Sentence) -> list[Span]:
    text = sentence.masked
    return [s for s in spans(phrases(__name__, "sorry"), text) if not negated(text, s[0])]


def _listed(name: str) -> SubCheck:
    return SubCheck(
        f"apology.{name}",
        lambda s: spans(phrases(__name__, name), s.masked),
        _MEANS[name],
        blocks=True,
    )


_MEANS = {
    "announcement": "'sorry to say' / 'regret to inform' only introduces the news",
    "non_apology": "regret about their feelings, or 'sorry, but', is not an apology",
    "mechanics": "a 'sorry' about the call itself or a polite refusal is not an apology",
}

RULE = Rule(
    id="apology",
    title="Apologise",
    why="Ending with an apology keeps the client from feeling like the wrongdoer and helps "
    "resentment fade, even if you feel they owe you one.",
    kind="step",
    severity=Severity.SUGGESTION,
    message="Apologise sincerely: regret that it did not work out, not 'sorry you feel that way'.",
    suggestion="Apologise sincerely, e.g. \"I'm sorry we weren't the right fit for you.\"",
    checks=(
        SubCheck("apology.sorry", _sorry, "the writer apologises or expresses regret"),
        *(_listed(name) for name in _MEANS),
    ),
    should_pass=(
        "I'm sorry we weren't able to give you the service you expected.",
        "We regret that the arrangement has not worked out for you.",
        "My apologies for the delays in June.",
        "That's on us, and I'm sorry.",
    ),
    should_fail=(
        "We regret to inform you that your membership will end on 1 May.",
        "I'm sorry you feel that way.",
        "Sorry, but you are the problem here.",
        "We will not apologise for enforcing our policy.",
        "Sorry, you cut out there, could you say that again?",
    ),
)
