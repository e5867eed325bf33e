"""The model-played client's memory of the call: what was cited, offered and settled stays
in every request even when old turns are trimmed, never quotes the user in the system
prompt, and decides acceptance together with the mood."""

from __future__ import annotations

from langchain_core.messages import SystemMessage

from bench.scripts import good_user
from coach.checking.checker import check
from coach.engines.base import Message, ReplyContext
from coach.engines.call_memory import call_memory
from coach.engines.client_prompt import client_prompt
from coach.scenarios.library import get_scenario
from coach.scenarios.schema import Difficulty
from coach.tokens import counter_for
from coach.types import Mood

SCENARIO = get_scenario("abusive-to-staff-agency")
CALM_READY = Mood(anger=1, trust=7, readiness=9)
OFFER = "We'll waive the Zanzibar revisions fee, and I'm sorry it came to this."


def ctx(history: tuple[Message, ...], draft: str, mood: Mood = CALM_READY) -> ReplyContext:
    return ReplyContext(SCENARIO, Difficulty.DEFENSIVE, history, draft, check(draft), mood)


def call(*lines: str) -> tuple[Message, ...]:
    out = [Message("client", "Right, you wanted a word.")]
    for line in lines:
        out += [Message("user", line), Message("client", "Go on.")]
    return tuple(out)


def test_memory_holds_citations_offers_attacks_and_open_questions() -> None:
    history = call(
        "On 14 April you shouted at our junior designer during a review call.",
        OFFER,
        "Frankly, you are impossible to work with.",
    )
    memory = call_memory(
        ctx(history, "On 2 April you sent four emails calling the team incompetent.")
    )
    assert any("copied to their director" in c and "turn 4" in c for c in memory.cited)
    assert any("14 March 2024" in m for m in memory.misstated)
    assert any(
        o.startswith("turn 2:") and "goodwill" in o and "apologised" in o for o in memory.offers
    )
    assert memory.attacks == (3,)
    assert "what happens to our files and records" in memory.open
    notes = memory.render()
    assert "Zanzibar" not in notes and "impossible" not in notes  # never the user's words
    assert not memory.may_accept  # two lines in, questions open: not yet, however calm


def test_a_settled_call_with_a_ready_client_may_accept() -> None:
    history: list[Message] = [
        Message("client", SCENARIO.difficulties[Difficulty.DEFENSIVE].opening)
    ]
    last = history[0].text
    for turn in range(6):
        line = good_user(SCENARIO, last, turn)
        history += [Message("user", line), Message("client", "Fine.")]
        last = "Fine."
    assert call_memory(ctx(tuple(history), "Thank you again.")).may_accept
    angry = Mood(anger=7, trust=2, readiness=3)
    assert not call_memory(ctx(tuple(history), "Thank you again.", angry)).may_accept


def test_memory_survives_trimming_and_tells_the_model_whether_to_accept() -> None:
    filler = tuple(
        f"Line {i}: we documented the delays in detail, as discussed." for i in range(80)
    )
    history = call(OFFER, *filler)
    fitted = client_prompt(
        ctx(history, "Thank you for listening."), counter_for("gpt-4o-mini"), 2000
    )
    system = fitted.messages[0]
    assert isinstance(system, SystemMessage) and fitted.dropped > 0
    text = str(system.content)
    assert "turn 1: offered goodwill" in text  # the offer's turn was trimmed, not forgotten
    assert "Do not accept the ending yet" in text
    assert "Zanzibar" not in text


def test_a_fifty_turn_call_keeps_persona_rules_memory_and_acceptance_consistent() -> None:
    """Over 50 turns through the model engine (a fake chat model that records every
    request): each request carries the persona, the role-play rules and the call memory
    within the token budget, and the app's `accepted` is exactly what the model was told."""
    import itertools

    from bench.scripts import good_user, poor_user
    from coach.engines.offline import OfflineEngine
    from coach.engines.openai_engine import OpenAIEngine
    from coach.rehearsal import Rehearsal
    from coach.settings import Settings
    from tests.test_openai_engine import Scripted

    budget = 2500
    fake = Scripted(messages=itertools.cycle(["I hear you.", "Go on, then."]))
    settings = Settings(_env_file=None, openai_api_key="sk-unit", coach_max_prompt_tokens=budget)
    engine = OpenAIEngine(settings, fallback=OfflineEngine(seed=1), client_model=fake)
    r = Rehearsal.start(SCENARIO, Difficulty.HOSTILE, engine)
    counter = counter_for("gpt-4o-mini")
    last = r.opening
    for turn in range(50):
        # A mixed call: every third line attacks for a while, then the user gets it right.
        user = poor_user if turn % 3 == 1 and turn < 20 else good_user
        sent = r.send(user(SCENARIO, last, turn))
        last = sent.client
        messages = fake.seen[-1]
        system = str(messages[0].content)
        assert isinstance(messages[0], SystemMessage)
        assert "Marcus Hale" in system and "<draft>" in system  # persona and the guard
        assert (
            sum(
                counter.count_message(
                    {"system": "system", "human": "user"}.get(m.type, "assistant"), str(m.content)
                )
                for m in messages
            )
            <= budget
        )
        if turn:
            assert "What has happened in this call so far" in system
        told_to_accept = "you accept the ending now" in system
        assert sent.accepted == told_to_accept
        if r.walked_out or r.ended:
            break
    assert len(fake.seen) == len(r.turns) == 50
    assert any(t.accepted for t in r.turns) and not all(t.accepted for t in r.turns)
