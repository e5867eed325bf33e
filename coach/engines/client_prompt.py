"""The role-played client's request: the system prompt (persona, record, difficulty, mood,
what has been said so far) and as many recent turns as fit the token budget, the user's
draft always last and always inside <draft> tags. Only the system prompt carries our
instructions; user text never reaches the system role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    trim_messages,
)

from coach.engines.base import Message, ReplyContext
from coach.engines.call_memory import CallMemory, call_memory
from coach.judge import defang, incident_lines
from coach.prompts import load_prompt, render_prompt
from coach.tokens import TOKENS_PER_REPLY, TokenCounter

SYSTEM_SHARE = 0.6  # the most of the budget the system prompt may take
SHORTENED = " […]"


@dataclass(frozen=True)
class FittedPrompt:
    """The messages of one request and what was cut to fit the token budget."""

    messages: list[BaseMessage]
    prompt_tokens: int
    dropped: int
    draft_shortened: bool
    may_accept: bool  # what the prompt told the model; the app reports the same


def role_of(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant"}.get(message.type, message.type)


def fit_draft(counter: TokenCounter, render: Callable[[str], str], draft: str, room: int) -> str:
    """The draft, shortened just enough that `render(draft)` fits in `room` message tokens."""
    if counter.count_message("user", render(draft)) <= room:
        return draft
    overhead = counter.count_message("user", render(SHORTENED))
    return counter.truncate(draft, max(0, room - overhead)) + SHORTENED


def client_system(ctx: ReplyContext, earlier: str, short: bool, memory: CallMemory) -> str:
    """The client's system prompt: persona, record, difficulty and mood; never user text."""
    p, level = ctx.scenario.persona, ctx.scenario.difficulties[ctx.difficulty]
    memory_prompt = load_prompt("client/memory")
    values = {
        "name": p.name,
        "role": p.role,
        "company": p.company,
        "business": p.business,
        "temperament": p.temperament,
        "wants": p.wants,
        "situation": ctx.scenario.situation.label,
        "summary": ctx.scenario.summary,
        "incidents": incident_lines(ctx.scenario),
        "difficulty": ctx.difficulty.value,
        "difficulty_notes": level.notes,
        "anger": ctx.mood.anger,
        "trust": ctx.mood.trust,
        "readiness": ctx.mood.readiness,
        "acceptance": memory_prompt.meta["accept" if memory.may_accept else "not_yet"],
        "memory": memory_prompt.render(notes=notes) if (notes := memory.render()) else "",
        "earlier": earlier,
    }
    return render_prompt("client/system_short" if short else "client/system", values)


def _earlier(dropped: tuple[Message, ...]) -> str:
    if not dropped:
        return ""
    users = sum(m.role == "user" for m in dropped)
    return render_prompt(
        "client/earlier", dropped=len(dropped), user_turns=users, client_turns=len(dropped) - users
    )


def _history_message(m: Message) -> BaseMessage:
    if m.role == "user":
        draft = load_prompt("client/draft").chat_prompt("human")  # a user line, as data
        return draft.invoke({"draft": defang(m.text)}).to_messages()[0]
    return AIMessage(m.text)


def client_prompt(ctx: ReplyContext, counter: TokenCounter, budget: int) -> FittedPrompt:
    """System prompt + as many recent turns as fit + the new draft, within `budget` tokens."""
    memory = call_memory(ctx)  # read once: it re-reads every turn of the call
    worst = _earlier(ctx.history)  # the longest the "earlier turns" note can get
    short = counter.count_message("system", client_system(ctx, worst, False, memory)) > (
        budget * SYSTEM_SHARE
    )

    def system_for(dropped: tuple[Message, ...]) -> str:
        text = client_system(ctx, _earlier(dropped), short, memory)
        overhead = counter.count_message("system", "")
        return counter.truncate(text, int(budget * SYSTEM_SHARE) - overhead)

    notes = ""
    if ctx.citation_notes:
        lines = "\n".join(f"- {n}" for n in ctx.citation_notes)
        notes = "\n" + render_prompt("client/fact_check", notes=lines)

    def render_final(draft: str) -> str:
        return render_prompt("client/draft", draft=defang(draft)) + notes

    room = budget - TOKENS_PER_REPLY - counter.count_message("system", system_for(ctx.history))
    if counter.count_message("user", render_final(SHORTENED)) > room:
        notes = ""  # too many fact-check notes to fit: the draft itself matters more
    draft = fit_draft(counter, render_final, ctx.draft, room)
    final = HumanMessage(render_final(draft))
    room -= counter.count_message("user", str(final.content))

    history = [_history_message(m) for m in ctx.history]
    kept = trim_messages(  # the most recent whole turns that fit the room left
        history,
        max_tokens=room,
        token_counter=lambda ms: sum(counter.count_message(role_of(m), str(m.content)) for m in ms),
        strategy="last",
        allow_partial=False,
    )
    cut = len(history) - len(kept)
    messages = [SystemMessage(system_for(ctx.history[:cut])), *history[cut:], final]
    return FittedPrompt(
        messages, count_tokens(counter, messages), cut, draft != ctx.draft, memory.may_accept
    )


def count_tokens(counter: TokenCounter, messages: list[BaseMessage]) -> int:
    return counter.count_messages([(role_of(m), str(m.content)) for m in messages])
