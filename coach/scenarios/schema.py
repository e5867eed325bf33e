"""What a rehearsal scenario is: a client persona, the documented record the user may cite,
and how the client behaves at each difficulty."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field


class Situation(StrEnum):
    """The seven reasons from the domain brief to consider letting a client go."""

    CHRONIC_COMPLAINER = "chronic_complainer"
    ABUSIVE_TO_STAFF = "abusive_to_staff"
    NO_GROWTH_CAPACITY = "no_growth_capacity"
    NEVER_REFERS = "never_refers"
    UNPROFITABLE = "unprofitable"
    UNETHICAL_REQUESTS = "unethical_requests"
    NO_LONGER_FITS_VALUES = "no_longer_fits_values"

    @property
    def label(self) -> str:
        """How a person names it (the value is an id for files and exports)."""
        return _SITUATION_TITLES[self]


_SITUATION_TITLES = {
    Situation.CHRONIC_COMPLAINER: "Chronic complainer",
    Situation.ABUSIVE_TO_STAFF: "Abusive to staff",
    Situation.NO_GROWTH_CAPACITY: "No room to grow",
    Situation.NEVER_REFERS: "Never refers anyone",
    Situation.UNPROFITABLE: "Unprofitable",
    Situation.UNETHICAL_REQUESTS: "Unethical requests",
    Situation.NO_LONGER_FITS_VALUES: "No longer fits our values",
}


class Difficulty(StrEnum):
    COOPERATIVE = "cooperative"
    DEFENSIVE = "defensive"
    HOSTILE = "hostile"


class Persona(BaseModel):
    name: str
    role: str
    company: str
    business: str
    temperament: str
    wants: str


class Incident(BaseModel):
    """One documented situation the user can cite; `date`, `count`, `invoice`, `ticket` and
    `amount` are what the citation check compares a user's wording against. `unit` names
    what `count` counts ("shipments"); `keywords` are words a user would use to refer to
    the incident (the citation check links a sentence to an incident by them)."""

    id: str
    date: dt.date | None = None
    summary: str
    count: int | None = None
    unit: str | None = None
    invoice: str | None = None
    ticket: str | None = None
    amount: float | None = None
    keywords: list[str] = Field(default_factory=list)


class MoodStart(BaseModel):
    anger: int = Field(ge=0, le=10)
    trust: int = Field(ge=0, le=10)
    readiness: int = Field(ge=0, le=10)


class DifficultyLevel(BaseModel):
    opening: str
    mood: MoodStart
    notes: str = ""


class Scenario(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,60}$")
    title: str
    situation: Situation
    summary: str
    persona: Persona
    incidents: list[Incident] = Field(min_length=1)
    monthly_revenue: float | None = None
    currency: str = "$"
    difficulties: dict[Difficulty, DifficultyLevel]
    suggested_alternatives: list[str] = Field(default_factory=list)
    goodwill_options: list[str] = Field(default_factory=list)
