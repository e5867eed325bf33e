"""The one interface both engines implement, and the values that cross it.

A rehearsal turn: the checker reviews the draft, the mood is updated from that review
(the same rules for every engine), then the engine writes the client's reply and, on
request, coaching (a rewrite and, for an LLM, a judge's verdicts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from coach.checking.checker import Review
from coach.checking.rewrite import Suggestion
from coach.citations import CitationCheck
from coach.scenarios.schema import Difficulty, Scenario
from coach.types import Mood, Record, RuleVerdict

Role = Literal["user", "client"]
TokenSink = Callable[[str], None]


@dataclass(frozen=True)
class Message:
    role: Role
    text: str


@dataclass
class Usage:
    """Tokens spent; `approximate` when counted with the bundled encoding fallback."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    largest_prompt_tokens: int = 0
    approximate: bool = False
    cost_usd: float | None = None

    def add(self, other: Usage) -> None:
        self.requests += other.requests
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.largest_prompt_tokens = max(self.largest_prompt_tokens, other.largest_prompt_tokens)
        self.approximate = self.approximate or other.approximate
        if other.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + other.cost_usd


@dataclass(frozen=True)
class ReplyContext:
    """What an engine needs to write the client's next line."""

    scenario: Scenario
    difficulty: Difficulty
    history: tuple[Message, ...]
    draft: str
    review: Review
    mood: Mood
    citation_notes: tuple[str, ...] = ()
    citations: tuple[CitationCheck, ...] = ()


@dataclass
class ClientReply:
    text: str
    accepted: bool = False
    walked_out: bool = False  # the client ended the call (after too many attacks)
    usage: Usage = field(default_factory=Usage)
    notices: list[str] = field(default_factory=list)
    engine: str = "offline"


@dataclass
class Coaching:
    """Advice on a draft: the checker's review, a rewrite, and optional judge verdicts.

    `suggestions` are the steps the writer must decide on (from the record, or with a
    placeholder); `citations` (the draft's facts checked against the incident log) is
    filled in by the rehearsal, not by the engines."""

    review: Review
    rewrite: str
    judge: list[RuleVerdict] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    notices: list[str] = field(default_factory=list)
    citations: list[CitationCheck] = field(default_factory=list)
    suggestions: tuple[Suggestion, ...] = ()


class Engine(Protocol):
    name: str

    def opening(self, scenario: Scenario, difficulty: Difficulty) -> ClientReply: ...

    def client_reply(self, ctx: ReplyContext, on_token: TokenSink | None = None) -> ClientReply: ...

    def coach(
        self,
        draft: str,
        review: Review,
        scenario: Scenario | None,
        record: Record | None = None,
        wanted: tuple[str, ...] | None = None,
    ) -> Coaching: ...
