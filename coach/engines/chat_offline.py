"""The offline scripted client as a LangChain chat model, so code written against
`BaseChatModel` (chains, prompts, callbacks) runs the same with or without a model endpoint.

The model is stateless like any chat model: each call rebuilds the conversation's state from
its messages. Human messages are the user's lines (inside the `<draft>` block when the
model engine's prompt wrapped them, so that engine's whole chain runs on this model too) and
AI messages the client's; system messages are ignored. The client's mood is replayed over
every human line with the same checker, citation check and mood rules a `Rehearsal` uses,
and the reply to the last human line comes from `OfflineEngine`. With no human line, the
answer is the scenario's opening. Each reply's `response_metadata` carries the mood after the
turn and whether the client accepted or walked out. Stop sequences and sampling parameters
have no effect on a scripted client.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr, field_validator, model_validator

from coach.engines.base import ClientReply, Message, ReplyContext, TokenSink
from coach.engines.offline import OfflineEngine
from coach.mood import start_mood
from coach.rehearsal import reply_context
from coach.scenarios.library import get_scenario
from coach.scenarios.schema import Difficulty, Scenario
from coach.types import Mood

DRAFT_OPEN, DRAFT_CLOSE = "<draft>", "</draft>"


class ChatOffline(BaseChatModel):
    """A scripted client for one scenario and difficulty. `scenario` is a `Scenario` or the
    id of one in the library; `seed` makes replies reproducible (None varies per instance)."""

    scenario: Scenario
    difficulty: Difficulty = Difficulty.COOPERATIVE
    seed: int | None = None
    model_name: str = "offline-scripted-client"

    _engine: OfflineEngine = PrivateAttr()

    @field_validator("scenario", mode="before")
    @classmethod
    def _scenario_by_id(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        try:
            return get_scenario(value)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from exc

    @model_validator(mode="after")
    def _level_exists(self) -> ChatOffline:
        if self.difficulty not in self.scenario.difficulties:
            raise ValueError(f"scenario {self.scenario.id!r} has no {self.difficulty} level")
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._engine = OfflineEngine(seed=self.seed)

    @property
    def _llm_type(self) -> str:
        return "coach-offline"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {
            "model_name": self.model_name,
            "scenario": self.scenario.id,
            "difficulty": self.difficulty.value,
            "seed": self.seed,
        }

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply, mood = self._reply(messages, None)
        message = AIMessage(reply.text, response_metadata=_metadata(reply, mood))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        pieces: list[str] = []
        reply, mood = self._reply(messages, pieces.append)
        for piece in pieces or [reply.text]:
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
        last = AIMessageChunk(
            content="", response_metadata=_metadata(reply, mood), chunk_position="last"
        )
        yield ChatGenerationChunk(message=last)

    def _reply(
        self, messages: list[BaseMessage], on_token: TokenSink | None
    ) -> tuple[ClientReply, Mood]:
        """Replay the user's lines through the mood rules, then answer the last one."""
        level = self.scenario.difficulties[self.difficulty]
        mood = start_mood(level.mood)
        history: list[Message] = []
        ctx: ReplyContext | None = None
        for m in messages:
            if m.type == "human":
                line = _unwrapped(m.text)
                ctx = reply_context(self.scenario, self.difficulty, tuple(history), line, mood)
                mood = ctx.mood
                history.append(Message("user", line))
            elif m.type == "ai":
                history.append(Message("client", m.text))
        if ctx is None:
            return self._engine.opening(self.scenario, self.difficulty), mood
        return self._engine.client_reply(ctx, on_token), mood


def _unwrapped(text: str) -> str:
    """The user's line from a message the model engine wrapped in <draft> tags."""
    start, end = text.find(DRAFT_OPEN), text.rfind(DRAFT_CLOSE)
    if start < 0 or end <= start:
        return text
    return text[start + len(DRAFT_OPEN) : end].strip()


def _metadata(reply: ClientReply, mood: Mood) -> dict[str, Any]:
    return {"accepted": reply.accepted, "walked_out": reply.walked_out, "mood": asdict(mood)}
