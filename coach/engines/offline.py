"""The offline engine: a scripted client that reacts to how the user frames things.

No model, no network. The reply is chosen by reading the turn the way a real client
would: an attack escalates, a wrong fact is disputed with the right detail, an invented
incident is denied, documented facts get grudging acknowledgement, goodwill and an apology
soften, alternatives get questions, and a calm, ready client accepts. Around that the client
keeps an agenda (`client_agenda`): it asks practical questions of its own, asks again when
one goes unanswered, accepts only once enough is settled for its difficulty, and on
accepting holds the user to what they offered. Lines come from per-difficulty, per-mood
template sets under `prompts/personas/`, filled with the persona's details; the choice is
seedable and never repeats a line already said in the call while another is left.
"""

from __future__ import annotations

import random
import re

from coach.checking.checker import Review
from coach.checking.rewrite import rewrite
from coach.engines.base import ClientReply, Coaching, ReplyContext, TokenSink
from coach.engines.client_agenda import Agenda, Topic, offers_made, read_agenda
from coach.mood import is_ready
from coach.prompts import Template, load_variants
from coach.scenarios.schema import Difficulty, Scenario
from coach.types import Record

HEATED_ANGER = 6
_WORDS = re.compile(r"\S+\s*")


REACTIONS = frozenset({"attacked", "dispute", "invented"})
QUIET = REACTIONS | {"accept", "unanswered", "walk_out"}  # replies that ask nothing new


def intent_for(ctx: ReplyContext, can_accept: bool = True) -> str:
    """Which kind of reply the client gives, most pressing reaction first."""
    detected = ctx.review.detected
    statuses = {c.status for c in ctx.citations}
    heated = "heated" if ctx.mood.anger >= HEATED_ANGER else "calm"
    if detected.get("personal_attack"):
        return "attacked"
    if "misstated" in statuses:
        return "dispute"
    if "unknown" in statuses:
        return "invented"
    if can_accept and is_ready(ctx.mood):
        return "accept"
    if detected.get("alternatives"):
        return "alternatives"
    if detected.get("goodwill") or detected.get("apology"):
        return "softened"
    if "accurate" in statuses or detected.get("documented_facts"):
        return f"acknowledge_{heated}"
    return f"pushback_{heated}"


class OfflineEngine:
    """Scripted client. `seed` makes every reply reproducible; None varies between runs."""

    name = "offline"

    def __init__(self, seed: int | None = None) -> None:
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**32)

    def opening(self, scenario: Scenario, difficulty: Difficulty) -> ClientReply:
        return ClientReply(text=scenario.difficulties[difficulty].opening.strip())

    def client_reply(self, ctx: ReplyContext, on_token: TokenSink | None = None) -> ClientReply:
        agenda = read_agenda(ctx.history, ctx.draft, ctx.review.found)
        intent = intent_for(ctx, can_accept=agenda.ready(ctx.difficulty))
        if intent not in REACTIONS and agenda.open is not None:
            intent = "unanswered"
        elif intent.startswith("pushback") and agenda.answered_now:
            intent = "answered"  # nothing else to react to, but the question was answered
        if intent == "attacked" and agenda.walks_out(ctx.difficulty):
            intent = "walk_out"
        said = [m.text for m in ctx.history if m.role == "client"]
        values = _values(ctx, agenda.open)
        rng = random.Random(f"{self.seed}:{ctx.scenario.id}:{len(ctx.history)}:{ctx.draft}")
        variants = load_variants(f"personas/{ctx.difficulty.value}/{intent}")
        parts = [_capitalise(_choose(variants, values, said, rng))]
        if intent == "accept" and (offers := offers_made(ctx.history, ctx.draft)):
            held = load_variants("personas/held_to")
            parts.append(_choose(held, {"offer": offers[0].rstrip(".")}, said, rng))
        elif (topic := _question_to_add(intent, parts[0], agenda)) is not None:
            parts.append(rng.choice(_unsaid(list(topic.questions), said)))
        text = " ".join(parts)
        if on_token is not None:
            for word in _WORDS.findall(text):
                on_token(word)
        return ClientReply(
            text=text,
            accepted=intent == "accept",
            walked_out=intent == "walk_out",
            engine=self.name,
        )

    def coach(
        self,
        draft: str,
        review: Review,
        scenario: Scenario | None,
        record: Record | None = None,
        wanted: tuple[str, ...] | None = None,
    ) -> Coaching:
        result = rewrite(draft, review, record=record, wanted=wanted)
        notices = [f"Check the rewrite yourself: {p}." for p in result.problems]
        return Coaching(
            review=review, rewrite=result.text, suggestions=result.suggestions, notices=notices
        )


def _question_to_add(intent: str, line: str, agenda: Agenda) -> Topic | None:
    """The client's next practical question, one at a time: none after a reaction to an
    attack or a wrong fact, on accepting, or when its line already asks something."""
    if intent in QUIET or line.endswith("?"):
        return None
    return agenda.next_question()


def _choose(
    variants: tuple[Template, ...], values: dict[str, str], said: list[str], rng: random.Random
) -> str:
    """A random variant the client has not said in this call (if all have been said, one
    that is not in its last line)."""
    return rng.choice(_unsaid([v.render(values) for v in variants], said))


def _unsaid(lines: list[str], said: list[str]) -> list[str]:
    fresh = [line for line in lines if not any(line in earlier for earlier in said)]
    if fresh:
        return fresh
    last = said[-1] if said else ""
    return [line for line in lines if line not in last] or lines


def _values(ctx: ReplyContext, open_topic: Topic | None = None) -> dict[str, str]:
    """Everything a persona line may mention, from the scenario and this turn."""
    s = ctx.scenario
    wrong = next((c for c in ctx.citations if c.status == "misstated"), None)
    invented = next((c for c in ctx.citations if c.status == "unknown"), None)
    cited = next((c for c in ctx.citations if c.incident_id), None)
    incident = next((i for i in s.incidents if cited and i.id == cited.incident_id), s.incidents[0])
    draft = ctx.draft.lower()
    alternative = next(
        (a for a in s.suggested_alternatives if a.lower() in draft),
        "the other options you mentioned",
    )
    return {
        "name": s.persona.name,
        "company": s.persona.company,
        "business": s.persona.business,
        "wants": s.persona.wants,
        "incident": _lower_first(incident.summary.rstrip(".")),
        "correct": (wrong.correct_value or "") if wrong else "",
        "quote": wrong.quote if wrong else (invented.quote if invented else ""),
        "alternative": alternative,
        "ask": open_topic.ask if open_topic else "",
        "ask_capital": _capitalise(open_topic.ask) if open_topic else "",
    }


def _lower_first(text: str) -> str:
    """Lower-case a leading capital so a summary reads mid-sentence (not "ACME" or "I")."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1] != " ":
        return text[0].lower() + text[1:]
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
