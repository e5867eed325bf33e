"""The scripted client: reacts to framing, stays in character, varies, never repeats."""

import itertools

import pytest

from coach.checking.checker import Review, check
from coach.checking.rules import BUILTIN_IDS
from coach.citations import CitationCheck
from coach.engines.base import Message, ReplyContext
from coach.engines.client_agenda import topics
from coach.engines.offline import OfflineEngine, intent_for
from coach.prompts import load_variants
from coach.scenarios.library import get_scenario
from coach.scenarios.schema import Difficulty
from coach.types import Mood

SCENARIO = get_scenario("chronic-complainer-catering")
INTENTS = [
    "attacked",
    "dispute",
    "invented",
    "accept",
    "alternatives",
    "softened",
    "acknowledge_calm",
    "acknowledge_heated",
    "pushback_calm",
    "pushback_heated",
]
CALM, ANGRY, READY = Mood(2, 5, 3), Mood(9, 1, 1), Mood(1, 7, 9)
OUT_OF_CHARACTER = ("sorry", "apologi", "thank", "appreciate", "you're right", "fair enough")


def review(*present: str) -> Review:
    return Review("", (), (), {rid: rid in present for rid in BUILTIN_IDS}, (), 0)


def cite(status: str) -> CitationCheck:
    return CitationCheck(
        status,  # type: ignore[arg-type]
        "seven shipments",
        (0, 15),
        "shipment-complaints" if status != "unknown" else None,
        "record",
        "msg",
        "count",
        "five shipments" if status == "misstated" else None,
    )


def ctx(
    present: tuple[str, ...] = (),
    citations: tuple[CitationCheck, ...] = (),
    mood: Mood = CALM,
    difficulty: Difficulty = Difficulty.HOSTILE,
    history: tuple[Message, ...] = (),
    draft: str = "draft",
) -> ReplyContext:
    return ReplyContext(
        SCENARIO, difficulty, history, draft, review(*present), mood, citations=citations
    )


@pytest.mark.parametrize(
    ("context", "intent"),
    [
        (ctx(("personal_attack", "goodwill", "alternatives"), mood=READY), "attacked"),
        (ctx(("goodwill",), (cite("misstated"), cite("accurate"))), "dispute"),
        (ctx((), (cite("unknown"),)), "invented"),
        (ctx(("alternatives", "goodwill"), mood=READY), "accept"),
        (ctx(("alternatives", "goodwill")), "alternatives"),
        (ctx(("apology",)), "softened"),
        (ctx(("documented_facts",), (cite("accurate"),)), "acknowledge_calm"),
        (ctx(("documented_facts",), mood=ANGRY), "acknowledge_heated"),
        (ctx(()), "pushback_calm"),
        (ctx((), mood=ANGRY), "pushback_heated"),
    ],
)
def test_reaction_follows_the_framing(context: ReplyContext, intent: str) -> None:
    assert intent_for(context) == intent


@pytest.mark.parametrize("difficulty", list(Difficulty))
@pytest.mark.parametrize("intent", INTENTS)
def test_every_reply_set_exists_with_choice(difficulty: Difficulty, intent: str) -> None:
    assert len(load_variants(f"personas/{difficulty.value}/{intent}")) >= 3


def test_dispute_names_the_correct_detail() -> None:
    reply = OfflineEngine(seed=1).client_reply(ctx((), (cite("misstated"),)))
    assert "five shipments" in reply.text
    assert not reply.accepted


SETTLED = (  # five earlier lines that answer money, files, notice and the current order
    "We will refund the deposit in full.",
    "We will transfer all your files to whoever you choose.",
    "Our last day will be 31 May, four weeks' notice.",
    "We will finish the current order first.",
    "Thank you for the years of business.",
)


def talk(lines: tuple[str, ...], client: str = "Go on.") -> tuple[Message, ...]:
    out: list[Message] = []
    for line in lines:
        out += [Message("client", client), Message("user", line)]
    return (*out, Message("client", client))


def test_acceptance_is_reported_once_the_clients_questions_are_settled() -> None:
    reply = OfflineEngine(seed=1).client_reply(
        ctx(("goodwill",), mood=READY, history=talk(SETTLED))
    )
    assert reply.accepted
    accept_lines = {v.render({}) for v in load_variants("personas/hostile/accept")}
    assert any(reply.text.startswith(line) for line in accept_lines)


def test_a_ready_client_does_not_accept_before_enough_is_settled() -> None:
    reply = OfflineEngine(seed=1).client_reply(ctx(("goodwill",), mood=READY))
    assert not reply.accepted
    assert any(t.asked_in(reply.text) for t in topics())  # it asks what it still needs


def test_an_unanswered_question_is_asked_again() -> None:
    question = "What happens to our files? I'm not starting from scratch somewhere else."
    history = (Message("client", question),)
    dodged = OfflineEngine(seed=1).client_reply(
        ctx(("apology",), history=history, draft="I'm sorry it came to this.")
    )
    assert "what happens to our files" in dodged.text.lower()
    answered = OfflineEngine(seed=1).client_reply(
        ctx(history=history, draft="We'll transfer every file to your new agency.")
    )
    assert "what happens to our files" not in answered.text.lower()


def test_on_accepting_the_client_holds_the_user_to_their_offer() -> None:
    offer = "We will waive the final invoice of $1,200."
    history = talk((offer, *SETTLED[1:]))
    reply = OfflineEngine(seed=1).client_reply(ctx(("goodwill",), mood=READY, history=history))
    assert reply.accepted and offer.rstrip(".") in reply.text


def test_the_client_walks_out_after_repeated_attacks() -> None:
    attack = "You are impossible to work with, and frankly you are rude."
    history = talk((attack, attack))
    reply = OfflineEngine(seed=1).client_reply(
        ctx(("personal_attack",), mood=ANGRY, history=history, draft=attack)
    )
    assert reply.walked_out and not reply.accepted
    once = OfflineEngine(seed=1).client_reply(ctx(("personal_attack",), mood=ANGRY, draft=attack))
    assert not once.walked_out


def test_persona_details_are_filled_in() -> None:
    texts = {
        OfflineEngine(seed=s)
        .client_reply(ctx(("alternatives",), draft="Try GreenLeaf Wholesale instead."))
        .text
        for s in range(12)
    }
    assert all("{" not in t for t in texts)
    assert all("GreenLeaf Wholesale" in t for t in texts)


def converse(engine: OfflineEngine, turns: int, **kwargs) -> list[str]:
    history: list[Message] = []
    replies = []
    for i in range(turns):
        reply = engine.client_reply(ctx(history=tuple(history), draft=f"line {i}", **kwargs))
        history += [Message("user", f"line {i}"), Message("client", reply.text)]
        replies.append(reply.text)
    return replies


def test_never_the_same_line_twice_in_a_row() -> None:
    for intent_kwargs in (
        {"present": ("personal_attack",), "mood": ANGRY},
        {"present": (), "mood": CALM},
        {"present": ("apology",), "difficulty": Difficulty.COOPERATIVE},
    ):
        replies = converse(OfflineEngine(seed=7), 40, **intent_kwargs)
        assert all(a != b for a, b in itertools.pairwise(replies))
        assert len(set(replies)) >= 3


def test_seeded_runs_repeat_and_different_seeds_vary() -> None:
    kwargs = {"present": ("personal_attack",), "mood": ANGRY}
    assert converse(OfflineEngine(seed=3), 15, **kwargs) == converse(
        OfflineEngine(seed=3), 15, **kwargs
    )
    runs = {tuple(converse(OfflineEngine(seed=s), 15, **kwargs)) for s in range(5)}
    assert len(runs) > 1


def test_unseeded_engines_vary_between_runs() -> None:
    runs = {tuple(converse(OfflineEngine(), 10)) for _ in range(5)}
    assert len(runs) > 1


def test_hostile_client_attacked_stays_hostile() -> None:
    hostile_lines = {v.render({}) for v in load_variants("personas/hostile/attacked")}
    for reply in converse(OfflineEngine(seed=11), 60, present=("personal_attack",), mood=ANGRY):
        assert reply in hostile_lines
        assert not any(word in reply.lower() for word in OUT_OF_CHARACTER)


def test_streaming_emits_the_reply_word_by_word() -> None:
    tokens: list[str] = []
    reply = OfflineEngine(seed=2).client_reply(ctx(), on_token=tokens.append)
    assert "".join(tokens) == reply.text
    assert len(tokens) == len(reply.text.split())


def test_opening_and_coaching() -> None:
    engine = OfflineEngine(seed=0)
    opening = engine.opening(SCENARIO, Difficulty.DEFENSIVE)
    assert opening.text == SCENARIO.difficulties[Difficulty.DEFENSIVE].opening
    draft = "You are impossible to work with. You complained after five shipments."
    coaching = engine.coach(draft, check(draft), SCENARIO)
    assert coaching.review.detected["personal_attack"]
    assert coaching.rewrite and coaching.rewrite != draft
    assert not check(coaching.rewrite).detected["personal_attack"]
