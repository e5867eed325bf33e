"""The offline client as a LangChain chat model: LangChain's standard unit tests, and the
same replies and moods as a rehearsal driven by the offline engine."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_tests.unit_tests import ChatModelUnitTests
from pydantic import ValidationError

from coach.engines.chat_offline import ChatOffline
from coach.engines.offline import OfflineEngine
from coach.rehearsal import Rehearsal
from coach.scenarios.library import get_scenario
from coach.scenarios.schema import Difficulty

SCENARIO = get_scenario("chronic-complainer-catering")
SEED = 11
LINES = (
    "Thank you for working with us since 2022; we really appreciate it.",
    "You are impossible to work with, and frankly you are rude.",
    "I'm sorry it ended this way. We will refund this month's delivery fees, and GreenLeaf "
    "Wholesale may suit you better.",
)


class TestChatOfflineStandard(ChatModelUnitTests):
    @property
    def chat_model_class(self) -> type[ChatOffline]:
        return ChatOffline

    @property
    def chat_model_params(self) -> dict[str, object]:
        return {"scenario": SCENARIO.id, "difficulty": "hostile", "seed": SEED}

    @property
    def has_tool_calling(self) -> bool:
        return False

    @property
    def has_structured_output(self) -> bool:
        return False


def conversation(rehearsal: Rehearsal, upto: int) -> list[BaseMessage]:
    """The rehearsal's opening and first `upto` exchanges, then the next user line."""
    messages: list[BaseMessage] = [AIMessage(rehearsal.opening)]
    for turn in rehearsal.turns[:upto]:
        messages += [HumanMessage(turn.user), AIMessage(turn.client)]
    return [*messages, HumanMessage(rehearsal.turns[upto].user)]


@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_replies_and_mood_match_a_rehearsal(difficulty: Difficulty) -> None:
    rehearsal = Rehearsal.start(SCENARIO, difficulty, OfflineEngine(seed=SEED))
    for line in LINES:
        rehearsal.send(line)
    model = ChatOffline(scenario=SCENARIO, difficulty=difficulty, seed=SEED)
    for i, turn in enumerate(rehearsal.turns):
        reply = model.invoke([SystemMessage("ignored"), *conversation(rehearsal, i)])
        assert reply.content == turn.client
        assert reply.response_metadata["accepted"] == turn.accepted
        mood = turn.mood
        assert reply.response_metadata["mood"] == {
            "anger": mood.anger,
            "trust": mood.trust,
            "readiness": mood.readiness,
        }


def test_stream_joins_to_the_invoked_reply() -> None:
    model = ChatOffline(scenario=SCENARIO.id, seed=SEED)
    chunks = list(model.stream(LINES[0]))
    assert len(chunks) > 2
    whole = chunks[0]
    for chunk in chunks[1:]:
        whole += chunk
    invoked = model.invoke(LINES[0])
    assert whole.content == invoked.content
    assert whole.response_metadata["mood"] == invoked.response_metadata["mood"]


def test_without_a_user_line_the_client_opens() -> None:
    model = ChatOffline(scenario=SCENARIO.id, difficulty="defensive", seed=SEED)
    opening = SCENARIO.difficulties[Difficulty.DEFENSIVE].opening.strip()
    assert model.invoke([SystemMessage("Play the client.")]).content == opening


def test_runs_in_a_chain_like_any_chat_model() -> None:
    prompt = ChatPromptTemplate.from_messages(
        [("system", "You are {name}."), MessagesPlaceholder("history"), ("human", "{draft}")]
    )
    model = ChatOffline(scenario=SCENARIO.id, seed=SEED)
    chain = prompt | model | StrOutputParser()
    history = [AIMessage(SCENARIO.difficulties[Difficulty.COOPERATIVE].opening)]
    out = chain.invoke({"name": SCENARIO.persona.name, "history": history, "draft": LINES[0]})
    assert out == model.invoke([*history, HumanMessage(LINES[0])]).content


def test_unknown_scenario_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="no-such-scenario"):
        ChatOffline(scenario="no-such-scenario")


@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_the_model_engines_chain_runs_on_the_offline_chat_model(difficulty: Difficulty) -> None:
    """One chain for both: the model engine (prompt, history, <draft> tags, streaming,
    acceptance) with the scripted client as its chat model answers a whole good call exactly
    as the offline engine does."""
    from bench.scripts import good_user
    from coach.engines.openai_engine import OpenAIEngine
    from coach.settings import Settings

    settings = Settings(_env_file=None, openai_api_key="sk-unit", coach_max_prompt_tokens=16_000)
    chat = ChatOffline(scenario=SCENARIO, difficulty=difficulty, seed=SEED)
    through_chain = OpenAIEngine(settings, fallback=OfflineEngine(seed=99), client_model=chat)
    runs = []
    for engine in (OfflineEngine(seed=SEED), through_chain):
        r = Rehearsal.start(SCENARIO, difficulty, engine)
        last = r.opening
        for turn in range(12):
            last = r.send(good_user(SCENARIO, last, turn)).client
            if r.finished:
                break
        runs.append(r)
    offline, chained = runs
    assert [t.client for t in chained.turns] == [t.client for t in offline.turns]
    assert chained.accepted and offline.accepted
    assert not chained.notices  # the fallback never stood in
    assert chained.usage.requests == len(chained.turns)
