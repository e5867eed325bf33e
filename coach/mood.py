"""How the simulated client's mood moves after each user turn.

The same deterministic rules serve every engine, so the mood the UI shows never depends on
which model wrote the reply. Each user turn is read through the checker's review and the
citation check: an attack or a misstated fact hurts, documented facts, goodwill, an apology
and alternatives help. When the client has just asked a practical question, answering it
builds trust and readiness and dodging it costs trust. A hostile client reacts more strongly
to what hurts and is slower to soften; an attack in the same turn cancels whatever softening
the turn also offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.checking.checker import Review
from coach.citations import CitationCheck
from coach.scenarios.schema import Difficulty, MoodStart
from coach.types import Mood

READY_MIN_READINESS = 8
READY_MAX_ANGER = 3


@dataclass(frozen=True)
class Reactivity:
    """How strongly one difficulty level reacts (points per event)."""

    attack_anger: int
    attack_loss: int
    misstated_anger: int
    soften: int


REACTIVITY: dict[Difficulty, Reactivity] = {
    Difficulty.COOPERATIVE: Reactivity(attack_anger=2, attack_loss=2, misstated_anger=1, soften=2),
    Difficulty.DEFENSIVE: Reactivity(attack_anger=3, attack_loss=2, misstated_anger=2, soften=2),
    Difficulty.HOSTILE: Reactivity(attack_anger=4, attack_loss=3, misstated_anger=3, soften=1),
}


def start_mood(level: MoodStart) -> Mood:
    return Mood(level.anger, level.trust, level.readiness).clamped()


def update_mood(
    mood: Mood,
    review: Review,
    citations: Sequence[CitationCheck],
    difficulty: Difficulty,
    answered: bool | None = None,
) -> Mood:
    """The client's mood after reading one user turn. Deterministic, each value 0–10.
    `answered`: whether the turn answered the client's last question (None: it asked none)."""
    r = REACTIVITY[difficulty]
    anger, trust, readiness = mood.anger, mood.trust, mood.readiness
    detected = review.detected
    misstated = sum(c.status != "accurate" for c in citations)
    accurate = sum(c.status == "accurate" for c in citations)

    if detected.get("personal_attack"):
        anger += r.attack_anger
        trust -= r.attack_loss
        readiness -= r.attack_loss
    if misstated:
        anger += r.misstated_anger
        trust -= 1
    if not detected.get("personal_attack"):
        if accurate and not misstated:
            readiness += 1
        if detected.get("goodwill"):
            anger -= r.soften
            trust += 1
            readiness += 1
        if detected.get("apology"):
            anger -= r.soften
            trust += 1
        if detected.get("appreciation"):
            anger -= 1
        if detected.get("alternatives"):
            readiness += 2
        if answered:
            trust += 1
            readiness += 1
    if answered is False:
        trust -= 1
        anger += r.misstated_anger - 1
    return Mood(anger, trust, readiness).clamped()


def is_ready(mood: Mood) -> bool:
    """Whether the client is calm and ready enough to accept the end of the relationship."""
    return mood.readiness >= READY_MIN_READINESS and mood.anger <= READY_MAX_ANGER
