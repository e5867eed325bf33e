"""Rule: appreciation — the writer sincerely thanks or values the client or the relationship.

Not procedural thanks about a task ("thank you for your prompt attention to this matter",
"thanks for making time today"), not "appreciate" meaning "understand", not sarcasm
("thanks for nothing"), and never a sign-off above a name (the structure step removes
those before any rule runs).
"""

from __future__ import annotations

from coach.checking.rules.base import Rule, SubCheck
from coach.checking.rules.phrases import phrases
from coach.checking.rules.scope import negated, spans
from coach.text import Sentence
from coach.types import Severity, Span


def _thanks(sentence: Sentence) -> list[Span]:
    text = sentence.masked
    return [s for s in spans(phrases(__name__, "thanks"), text) if not negated(text, s[0])]


RULE = Rule(
    id="appreciation",
    title="Be appreciative",
    why="There is no need to end on a sour note: thanking the client for their business "
    "or trust keeps the ending positive.",
    kind="step",
    severity=Severity.SUGGESTION,
    message="Thank the client for the relationship, not only for a task.",
    suggestion='Open with appreciation, e.g. "We really appreciate you giving us a try."',
    checks=(
        SubCheck("appreciation.thanks", _thanks, "the writer thanks or values the client"),
        SubCheck(
            "appreciation.procedural",
            lambda s: spans(phrases(__name__, "procedural"), s.masked),
            "thanks for a task or the message itself is courtesy, not appreciation",
            blocks=True,
        ),
    ),
    should_pass=(
        "Thank you for choosing us as your practice these past four years.",
        "We really appreciate you giving us a try.",
        "It has been a pleasure working with you and your team.",
    ),
    should_fail=(
        "Thank you for your prompt attention to this matter.",
        "I appreciate this may come as a surprise.",
        "Thanks for making time today.",
    ),
)
