"""The offline engine: a scripted client that reacts to how the user frames things.

No model, no network. The reply is chosen by reading the turn the way a real client
would: an attack escalates, a wrong fact is disputed with the right detail, an invented
incident is denied, documented facts get grudging acknowledgement, goodwill and an apology
soften, alternatives get questions, and a calm, ready client accepts. Lines come from
per-difficulty, per-mood template sets under `prompts/personas/`, filled with the
persona's details; the choice is seedable and never repeats a recent line.
"""

from __future__ import annotations

import random
import re

from coach.checking.checker import Review
from coach.checking.rewrite import rewrite
from coach.engines.base import ClientReply, Coaching, ReplyContext, TokenSink
from coach.mood import is_ready
from coach.prompts import Template, load_variants
from coach.scenarios.schema import Difficulty, Scenario
from coach.types import Record

HEATED_ANGER = 6
RECENT_LINES = 4
_WORDS = re.compile(r"\S+\s*")


def intent_for(ctx: ReplyContext) -> str:
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
    if is_ready(ctx.mood):
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
        intent = intent_for(ctx)
        variants = load_variants(f"personas/{ctx.difficulty.value}/{intent}")
        recent = [m.text for m in ctx.history if m.role == "client"][-RECENT_LINES:]
        values = _values(ctx)
        rng = random.Random(f"{self.seed}:{ctx.scenario.id}:{len(ctx.history)}:{ctx.draft}")
        text = _capitalise(_choose(variants, values, recent, rng))
        if on_token is not None:
            for word in _WORDS.findall(text):
                on_token(word)
        return ClientReply(text=text, accepted=intent == "accept", engine=self.name)

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


def _choose(
    variants: tuple[Template, ...],
    values: dict[str, str],
    recent: list[str],
    rng: random.Random,
) -> str:
    """A random variant, avoiding the client's most recent lines (never the last one)."""
    lines = [v.render(values) for v in variants]
    window = recent[-min(len(recent), max(1, len(lines) - 1)) :] if recent else []
    fresh = [line for line in lines if line not in window]
    return rng.choice(fresh or [line for line in lines if not recent or line != recent[-1]])


def _values(ctx: ReplyContext) -> dict[str, str]:
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
    }


def _lower_first(text: str) -> str:
    """Lower-case a leading capital so a summary reads mid-sentence (not "ACME" or "I")."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1] != " ":
        return text[0].lower() + text[1:]
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
