"""Scripted users for the offline client: a good one that takes the five steps and answers
the client's questions from the scenario's record, and a poor one that is vague and blames
the client. The conversation benchmark and the rehearsal tests drive calls with them."""

from __future__ import annotations

from collections.abc import Callable

from coach.citations import format_date
from coach.engines.client_agenda import topics
from coach.scenarios.schema import Scenario

User = Callable[[Scenario, str, int], str]  # (scenario, client's last line, turn) -> line

ANSWERS = {
    "money": "You won't be charged for the final month, and we will refund the deposit.",
    "files": "We will transfer all your files and records to whoever you choose, at no charge.",
    "notice": "Our last day will be 31 May, which gives you four weeks' notice.",
    "current_work": "We will finish the current order before then, as agreed.",
}
POOR_LINES = (
    "Look, this just isn't working for us any more.",
    "You are impossible to work with, and frankly you are rude.",
    "We're done. That's all there is to say.",
    "You never listen to a word we say.",
    "I don't have time to go through all of it.",
    "It's not personal, it's business.",
)


def documented(scenario: Scenario, i: int = 0) -> str:
    incident = scenario.incidents[i % len(scenario.incidents)]
    when = f"on {format_date(incident.date)}" if incident.date else "in our records"
    return f"Our records show that {when}: {incident.summary}."


def answer(scenario: Scenario, topic_id: str) -> str:
    """A good answer to one of the client's questions, from the scenario's record."""
    if topic_id == "why_me":
        return documented(scenario)
    if topic_id == "next_provider":
        return f"You may want to try {' or '.join(scenario.suggested_alternatives)}."
    return ANSWERS[topic_id]


def good_user(scenario: Scenario, client_line: str, turn: int) -> str:
    """Opens with appreciation and the reason, answers every question asked, and otherwise
    takes the next step: apology, goodwill, alternatives."""
    asked = next((t for t in topics() if t.asked_in(client_line)), None)
    if asked is not None:
        return answer(scenario, asked.id)
    opening = (
        f"Thank you for working with us; we really appreciate it. {documented(scenario, turn)}",
        "I'm sorry it has come to this, and we will refund this month's fee.",
        answer(scenario, "next_provider"),
        answer(scenario, "files"),
        answer(scenario, "notice"),
        answer(scenario, "current_work"),
    )
    if turn < len(opening):
        return opening[turn]
    closing = (  # every question settled: keep the tone and restate what was offered
        "Thank you again for everything; I'm sorry we couldn't make it work.",
        answer(scenario, "money"),
        answer(scenario, "next_provider"),
    )
    return closing[turn % len(closing)]


def poor_user(scenario: Scenario, client_line: str, turn: int) -> str:
    """Vague, blaming, never answers."""
    return POOR_LINES[turn % len(POOR_LINES)]
