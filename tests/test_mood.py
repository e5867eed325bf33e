"""Client mood: deterministic, bounded, moved by how the user framed the turn."""

from hypothesis import given
from hypothesis import strategies as st

from coach.checking.checker import Review
from coach.checking.rules import BUILTIN_IDS
from coach.citations import CitationCheck
from coach.mood import is_ready, update_mood
from coach.scenarios.schema import Difficulty
from coach.types import Mood

START = Mood(anger=5, trust=5, readiness=5)


def review(*present: str) -> Review:
    """A review with exactly these rules detected (independent of the detectors)."""
    return Review(
        text="",
        sentences=(),
        findings=(),
        detected={rid: rid in present for rid in BUILTIN_IDS},
        missing=(),
        score=0,
    )


def citation(status: str) -> CitationCheck:
    return CitationCheck(status, "five shipments", (0, 14), "x", "record", "msg")  # type: ignore[arg-type]


def test_attack_raises_anger_and_lowers_trust_and_readiness() -> None:
    after = update_mood(START, review("personal_attack"), [], Difficulty.DEFENSIVE)
    assert after.anger > START.anger
    assert after.trust < START.trust
    assert after.readiness < START.readiness


def test_hostile_reacts_more_strongly_to_an_attack() -> None:
    coop = update_mood(START, review("personal_attack"), [], Difficulty.COOPERATIVE)
    hostile = update_mood(START, review("personal_attack"), [], Difficulty.HOSTILE)
    assert hostile.anger > coop.anger
    assert hostile.readiness <= coop.readiness


def test_accurate_facts_raise_readiness_a_little() -> None:
    after = update_mood(START, review("documented_facts"), [citation("accurate")], "defensive")  # type: ignore[arg-type]
    assert after.readiness == START.readiness + 1
    assert after.anger == START.anger


def test_misstated_facts_raise_anger() -> None:
    for status in ("misstated", "unknown"):
        after = update_mood(
            START, review("documented_facts"), [citation(status)], Difficulty.DEFENSIVE
        )
        assert after.anger > START.anger
        assert after.readiness == START.readiness


def test_goodwill_and_apology_soften() -> None:
    for rule in ("goodwill", "apology"):
        after = update_mood(START, review(rule), [], Difficulty.DEFENSIVE)
        assert after.anger < START.anger
        assert after.trust > START.trust


def test_alternatives_raise_readiness() -> None:
    after = update_mood(START, review("alternatives"), [], Difficulty.HOSTILE)
    assert after.readiness > START.readiness


def test_an_attack_cancels_softening_in_the_same_turn() -> None:
    everything = review("personal_attack", "goodwill", "apology", "alternatives", "appreciation")
    after = update_mood(START, everything, [], Difficulty.HOSTILE)
    assert after.anger > START.anger
    assert after.readiness < START.readiness


def test_a_plain_turn_changes_nothing() -> None:
    assert update_mood(START, review(), [], Difficulty.HOSTILE) == START


@given(
    anger=st.integers(0, 10),
    trust=st.integers(0, 10),
    readiness=st.integers(0, 10),
    present=st.sets(st.sampled_from(BUILTIN_IDS)),
    statuses=st.lists(st.sampled_from(["accurate", "misstated", "unknown"]), max_size=4),
    difficulty=st.sampled_from(list(Difficulty)),
)
def test_bounded_and_deterministic(anger, trust, readiness, present, statuses, difficulty) -> None:
    mood = Mood(anger, trust, readiness)
    cites = [citation(s) for s in statuses]
    after = update_mood(mood, review(*present), cites, difficulty)
    assert all(0 <= v <= 10 for v in (after.anger, after.trust, after.readiness))
    assert after == update_mood(mood, review(*present), cites, difficulty)


def test_ready_needs_calm_and_readiness() -> None:
    assert is_ready(Mood(anger=2, trust=5, readiness=9))
    assert not is_ready(Mood(anger=7, trust=5, readiness=10))
    assert not is_ready(Mood(anger=0, trust=5, readiness=5))


def test_answering_the_clients_question_builds_trust_and_dodging_it_costs_trust() -> None:
    base = update_mood(START, review(), [], Difficulty.DEFENSIVE)
    answered = update_mood(START, review(), [], Difficulty.DEFENSIVE, answered=True)
    dodged = update_mood(START, review(), [], Difficulty.DEFENSIVE, answered=False)
    assert answered.trust > base.trust and answered.readiness > base.readiness
    assert dodged.trust < base.trust and dodged.anger >= base.anger
    attacked = update_mood(
        START, review("personal_attack"), [], Difficulty.DEFENSIVE, answered=True
    )
    assert attacked.trust < START.trust  # an answer wrapped in an attack earns nothing
