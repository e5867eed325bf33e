""" "Should I let this client go?": the domain brief's test turned into a recommendation.

The decision weighs the seven situations, the simplest test (revenue against the time and
expense of serving the client), the right of expectation (are requests within scope), and
the brief's caveats: long-standing clients whose situation is likely to change are not
dropped, clients with several issues are the first to refer elsewhere, and a client that
is a large share of revenue makes the business a house of cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from coach.prompts import load_prompt
from coach.scenarios.schema import (
    Difficulty,
    DifficultyLevel,
    Incident,
    MoodStart,
    Persona,
    Scenario,
    Situation,
)

SITUATION_LABELS: dict[Situation, str] = {
    Situation.CHRONIC_COMPLAINER: "Constantly complains about trivial matters",
    Situation.ABUSIVE_TO_STAFF: "Is rude or abusive to your staff",
    Situation.NO_GROWTH_CAPACITY: "Has no capacity to give you more business",
    Situation.NEVER_REFERS: "Never refers new business",
    Situation.UNPROFITABLE: "Is not profitable",
    Situation.UNETHICAL_REQUESTS: "Engages in or suggests unethical or questionable activity",
    Situation.NO_LONGER_FITS_VALUES: "No longer fits your mission or values",
}
# Issues no margin or loyalty outweighs: they harm people or the business's integrity.
SEVERE = frozenset({Situation.ABUSIVE_TO_STAFF, Situation.UNETHICAL_REQUESTS})
# Order in which a situation is chosen as a scenario's headline.
_PRIORITY = (
    Situation.UNETHICAL_REQUESTS,
    Situation.ABUSIVE_TO_STAFF,
    Situation.UNPROFITABLE,
    Situation.CHRONIC_COMPLAINER,
    Situation.NO_LONGER_FITS_VALUES,
    Situation.NO_GROWTH_CAPACITY,
    Situation.NEVER_REFERS,
)
LONG_STANDING_YEARS = 3.0
HOUSE_OF_CARDS_SHARE = 0.25

Scope = Literal["within", "sometimes", "beyond"]


class Decision(StrEnum):
    KEEP = "keep"
    FIX_FIRST = "fix_first"
    LET_GO = "let_go"


class Urgency(StrEnum):
    NONE = "none"
    WHEN_READY = "when_ready"
    SOON = "soon"
    NOW = "now"


DECISION_LABELS = {
    Decision.KEEP: "Keep this client",
    Decision.FIX_FIRST: "Fix the relationship first",
    Decision.LET_GO: "Let this client go",
}
URGENCY_LABELS = {
    Urgency.NONE: "no action needed",
    Urgency.WHEN_READY: "when you have replacement work lined up",
    Urgency.SOON: "within the next few weeks",
    Urgency.NOW: "now, quickly and tactfully",
}


class Assessment(BaseModel):
    """What the user tells us about one client; money is per month, in one currency."""

    client_name: str = Field("", max_length=120)
    business: str = Field("", max_length=200)
    situations: list[Situation] = Field(default_factory=list)
    monthly_revenue: float = Field(0.0, ge=0)
    hours_per_month: float = Field(0.0, ge=0)
    hourly_rate: float = Field(0.0, ge=0)
    other_costs: float = Field(0.0, ge=0)
    total_monthly_revenue: float | None = Field(None, ge=0)
    tenure_years: float = Field(0.0, ge=0)
    likely_to_change: bool = False
    scope: Scope = "within"
    incidents: list[str] = Field(default_factory=list)
    currency: str = Field("$", min_length=1, max_length=4)

    @property
    def cost_to_serve(self) -> float:
        return self.hours_per_month * self.hourly_rate + self.other_costs

    @property
    def margin(self) -> float:
        return self.monthly_revenue - self.cost_to_serve

    @property
    def revenue_share(self) -> float | None:
        """The client's share of all revenue, when the total is known and plausible."""
        total = self.total_monthly_revenue
        if not total or total < self.monthly_revenue:
            return None
        return self.monthly_revenue / total

    @property
    def long_standing(self) -> bool:
        return self.tenure_years >= LONG_STANDING_YEARS


@dataclass(frozen=True)
class Recommendation:
    decision: Decision
    urgency: Urgency
    issues: tuple[Situation, ...]
    reasons: tuple[str, ...]

    @property
    def headline(self) -> str:
        label = DECISION_LABELS[self.decision]
        if self.urgency is Urgency.NONE:
            return label
        return f"{label} — {URGENCY_LABELS[self.urgency]}"


def issues_of(a: Assessment) -> tuple[Situation, ...]:
    """The situations that apply, with 'not profitable' added when the numbers show it."""
    found = set(a.situations)
    if a.monthly_revenue > 0 and a.margin < 0:
        found.add(Situation.UNPROFITABLE)
    return tuple(s for s in _PRIORITY if s in found)


def assess(a: Assessment) -> Recommendation:
    """Turn an assessment into a decision, an urgency and plain-words reasons."""
    issues = issues_of(a)
    reasons = [*_money_reasons(a), *_issue_reasons(a, issues)]
    severe = [s for s in issues if s in SEVERE]
    named = [_short(s) for s in issues] + (["requests beyond scope"] if a.scope == "beyond" else [])
    problems = len(named)

    if severe:
        decision = Decision.LET_GO
        urgency = Urgency.NOW if (problems > 1 or not a.likely_to_change) else Urgency.SOON
        reasons.append(
            "Abuse of your staff or questionable requests harm your people and your name; "
            "no margin makes up for that."
        )
        if a.likely_to_change and urgency is Urgency.SOON:
            reasons.append(
                "You expect things to change, so there is time to plan the call — but not to "
                "keep them."
            )
    elif problems == 0:
        decision, urgency = Decision.KEEP, Urgency.NONE
        reasons.append("None of the seven warning signs applies: this client is an asset.")
    elif a.likely_to_change:
        decision, urgency = (Decision.KEEP if a.long_standing else Decision.FIX_FIRST), Urgency.NONE
        reasons.append(
            "You expect the situation to change: talk it through with them rather than "
            "dropping them."
        )
    elif problems >= 2:
        decision, urgency = Decision.LET_GO, Urgency.NOW
        reasons.append(
            f"{_count(problems)} problems at once ({', '.join(named)}) and you do not expect "
            "them to change: such clients are the first to refer elsewhere, quickly and "
            "tactfully."
        )
    elif a.margin < 0 or a.scope == "beyond":
        decision, urgency = Decision.LET_GO, Urgency.SOON
        reasons.append(
            "The relationship costs you more than it brings, and you do not expect that to change."
        )
    else:
        decision, urgency = Decision.FIX_FIRST, Urgency.NONE
        reasons.append("One issue alone is worth raising with the client before ending things.")

    if a.long_standing and decision is not Decision.KEEP:
        reasons.append(
            f"They have been a client for {_years(a.tenure_years)}: you do not simply drop a "
            "long-standing client; thank them for it when you speak."
        )
    share = a.revenue_share
    if share is not None and share >= HOUSE_OF_CARDS_SHARE:
        reasons.append(
            f"They bring {share:.0%} of your revenue. A business that depends on one client is "
            "a house of cards: ask what it would look like without them, and whether the time "
            "would be better spent winning new clients."
        )
        if decision is Decision.LET_GO and not severe:
            urgency = Urgency.WHEN_READY
    return Recommendation(decision, urgency, issues, tuple(reasons))


def _short(s: Situation) -> str:
    return s.label.lower()


def _count(n: int) -> str:
    return {2: "Two", 3: "Three", 4: "Four"}.get(n, str(n))


def _money_reasons(a: Assessment) -> list[str]:
    if a.monthly_revenue <= 0 and a.cost_to_serve <= 0:
        return ["Add the monthly revenue and cost to serve to weigh the simplest test."]
    rev, cost = _money(a.monthly_revenue, a.currency), _money(a.cost_to_serve, a.currency)
    if a.margin < 0:
        return [f"They bring {rev} a month but cost {cost} to serve: you lose money on them."]
    if a.monthly_revenue > 0 and a.margin < 0.15 * a.monthly_revenue:
        return [f"They bring {rev} a month and cost {cost} to serve: barely worth the time."]
    return [f"They bring {rev} a month and cost {cost} to serve: the numbers work."]


def _issue_reasons(a: Assessment, issues: tuple[Situation, ...]) -> list[str]:
    out = [f"{SITUATION_LABELS[s]}." for s in issues if s is not Situation.UNPROFITABLE]
    if a.scope == "beyond":
        out.append(
            "Their requests go beyond what was agreed: they are owed what was promised, "
            "not more (the right of expectation)."
        )
    elif a.scope == "sometimes":
        out.append("Some requests go beyond the agreed scope: restate what the contract covers.")
    return out


def _money(amount: float, currency: str = "") -> str:
    return f"{currency}{amount:,.0f}"


def _years(years: float) -> str:
    return f"{years:g} year" + ("" if years == 1 else "s")


# --- turning an assessment into a rehearsal scenario -----------------------------------


def scenario_from(a: Assessment) -> Scenario:
    """A rehearsal scenario carrying the assessment's facts, for practising the real call."""
    issues = issues_of(a) or (Situation.NO_LONGER_FITS_VALUES,)
    name = a.client_name.strip() or "Your client"
    wording = load_prompt("assess/scenario")
    # Only what the client did or asked for is citable; the business's own figures (revenue,
    # cost to serve) are the user's reasoning, not something to put to the client.
    incidents = [
        Incident(id=f"noted-{i}", summary=text.strip())
        for i, text in enumerate((t for t in a.incidents if t.strip()), start=1)
    ]
    if a.scope != "within":
        incidents.append(Incident(id="scope", summary=str(wording.meta["scope_incident"])))
    if not incidents:
        incidents.append(Incident(id="reason", summary=SITUATION_LABELS[issues[0]]))
    return Scenario(
        id=_slug(f"assessed-{name}"),
        title=wording.render(name=name),
        situation=issues[0],
        summary="; ".join(SITUATION_LABELS[s] for s in issues) + ".",
        persona=Persona(
            name=name,
            role=str(wording.meta["role"]),
            company=name,
            business=a.business.strip() or "a long-standing customer",
            temperament=str(wording.meta["temperament"]),
            wants=str(wording.meta["wants"]),
        ),
        incidents=incidents,
        monthly_revenue=a.monthly_revenue or None,
        currency=a.currency,
        difficulties={d: _level(d, name) for d in Difficulty},
    )


def _level(difficulty: Difficulty, name: str) -> DifficultyLevel:
    opening = load_prompt(f"assess/opening_{difficulty.value}")
    return DifficultyLevel(
        opening=opening.render(name=name), mood=MoodStart.model_validate(opening.meta["mood"])
    )


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    return slug if len(slug) >= 2 else "assessed-client"
