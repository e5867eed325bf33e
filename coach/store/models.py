"""The tables: rehearsals and their turns, email reviews, assessments, workshops with their
participants, and custom scenarios. Every row that a user produced is written when it
happens; nothing here is a cache of something else."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JsonDict = dict[str, Any]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        JsonDict: JSON,
        list[Any]: JSON,
        list[str]: JSON,
        datetime: DateTime(timezone=True),
    }


class Workshop(Base):
    """A trainer's session for a room of trainees; `closed_at` stops new joins only."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    scenario_ids: Mapped[list[str]]
    difficulty: Mapped[str] = mapped_column(String(20))
    custom_rules: Mapped[list[Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    participants: Mapped[list[Participant]] = relationship(back_populates="workshop")


class Participant(Base):
    """A trainee in a workshop. Only a hash of their token is kept."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class RehearsalRow(Base):
    """One rehearsal. `state` is the rehearsal's own `to_dict()` without its turns, which
    live in `turns` (one row each), so a resume rebuilds it from both."""

    __tablename__ = "rehearsals"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80))
    difficulty: Mapped[str] = mapped_column(String(20))
    engine: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="active")
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    # Hash of the browser key of whoever started it (app rehearsals outside a workshop).
    owner_hash: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[JsonDict]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="rehearsal", order_by="TurnRow.seq", cascade="all, delete-orphan"
    )


class TurnRow(Base):
    """One exchange. `(rehearsal_id, seq)` is unique: a turn is stored once, in its place."""

    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("rehearsal_id", "seq", name="uq_turns_rehearsal_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rehearsal_id: Mapped[str] = mapped_column(ForeignKey("rehearsals.id"))
    seq: Mapped[int] = mapped_column(Integer)
    draft: Mapped[str] = mapped_column(Text)
    sent: Mapped[str] = mapped_column(Text)
    client_reply: Mapped[str] = mapped_column(Text)
    score: Mapped[int] = mapped_column(Integer)
    detected: Mapped[JsonDict]
    review: Mapped[JsonDict]
    mood: Mapped[JsonDict | None]
    usage: Mapped[JsonDict | None]
    data: Mapped[JsonDict]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    rehearsal: Mapped[RehearsalRow] = relationship(back_populates="turns")


class EmailReviewRow(Base):
    __tablename__ = "email_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[int] = mapped_column(Integer)
    review: Mapped[JsonDict]
    rewrite: Mapped[str | None] = mapped_column(Text)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation: Mapped[str] = mapped_column(String(40))
    inputs: Mapped[JsonDict]
    result: Mapped[JsonDict]
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomScenarioRow(Base):
    """A scenario written in the app; `body` validates against the Scenario schema."""

    __tablename__ = "custom_scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80), unique=True)
    body: Mapped[JsonDict]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RateHit(Base):
    """One counted attempt (a login, a join): limits hold across processes and restarts.
    `key_hash` is a hash of the client key, so no address is stored."""

    __tablename__ = "rate_hits"
    __table_args__ = (Index("ix_rate_hits_bucket_at", "bucket", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(40))
    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[float] = mapped_column(Float)


class SignInLink(Base):
    """A one-time trainer sign-in made on the server's CLI (for a trainer locked out by the
    rate limit). Only the token's hash is kept."""

    __tablename__ = "sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[float] = mapped_column(Float)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
