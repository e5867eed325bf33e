"""What the role-played client remembers of the call, carried in every model request even
when old turns are trimmed to fit the token budget: the facts cited (and misstated), what
was offered, the practical questions settled and still open, and the attacks. It is built
from our own reading of the turns (the checker, the citation check, the client's agenda),
in our words and the record's, never by quoting the user: user text stays out of the
system prompt. The same state decides whether the client may accept, so what the model is
told and what the app reports cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from coach.citations import check_citations
from coach.engines.base import ReplyContext
from coach.engines.client_agenda import read_agenda, steps_in, topics
from coach.mood import is_ready

KEEP = 4
STEP_WORDS = {
    "goodwill": "offered goodwill (a refund, a waived fee, free handover or the like)",
    "apology": "apologised",
    "alternatives": "suggested other providers",
    "appreciation": "thanked you",
}


@dataclass(frozen=True)
class CallMemory:
    cited: tuple[str, ...]  # record lines cited accurately, with the turn
    misstated: tuple[str, ...]  # record lines cited with a wrong detail, with the correction
    offers: tuple[str, ...]  # what the user did for the client, by turn
    attacks: tuple[int, ...]  # turns read as personal attacks
    settled: tuple[str, ...]  # the client's practical questions already answered
    open: tuple[str, ...]  # the ones still unanswered
    may_accept: bool

    def render(self) -> str:
        """The notes for the system prompt ("" before anything has been said)."""
        parts = (
            ("Facts from the record they have cited", self.cited),
            ("Details they got wrong", self.misstated),
            ("What they have done or offered (hold them to it)", self.offers),
            ("Turns in which they attacked you personally", tuple(map(str, self.attacks))),
            ("Your questions already answered", self.settled),
            ("What you still want to know (ask if they have not said)", self.open),
        )
        return "\n".join(f"- {head}: {'; '.join(items)}." for head, items in parts if items)


def call_memory(ctx: ReplyContext) -> CallMemory:
    """The memory after the draft being answered (`ctx.draft`)."""
    user_lines = [m.text for m in ctx.history if m.role == "user"] + [ctx.draft]
    cited: list[str] = []
    misstated: list[str] = []
    offers: list[str] = []
    attacks: list[int] = []
    record = {i.id: i for i in ctx.scenario.incidents}
    for turn, text in enumerate(user_lines, start=1):
        for c in check_citations(text, ctx.scenario):
            incident = record.get(c.incident_id or "")
            if incident is None:
                continue
            where = f"{incident.summary} (turn {turn})"
            if c.status == "accurate":
                cited.append(where)
            elif c.status == "misstated":
                misstated.append(f"{incident.summary}: the record says {c.correct_value}")
        steps = steps_in(text)
        done = [words for step, words in STEP_WORDS.items() if step in steps]
        if done:
            offers.append(f"turn {turn}: {', '.join(done)}")
        if "personal_attack" in steps:
            attacks.append(turn)
    agenda = read_agenda(ctx.history, ctx.draft, ctx.review.found)
    settled = tuple(t.ask for t in topics() if t.id in agenda.covered)
    still = tuple(t.ask for t in topics() if t.id not in agenda.covered)
    return CallMemory(  # the latest few of each, so the notes stay small in a long call
        cited=tuple(dict.fromkeys(cited))[-KEEP:],
        misstated=tuple(dict.fromkeys(misstated))[-KEEP:],
        offers=tuple(offers)[-KEEP:],
        attacks=tuple(attacks)[-KEEP:],
        settled=settled,
        open=still,
        may_accept=is_ready(ctx.mood) and agenda.ready(ctx.difficulty),
    )
