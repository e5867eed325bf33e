"""Rehearsals and their turns. A turn is written the moment it happens, under its sequence
number; writing the same turn again (a retry) is a no-op, and a different turn under a
taken number is refused, so each turn is stored exactly once and in order."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from coach.store.engine import Store
from coach.store.models import JsonDict, RehearsalRow, TurnRow, utcnow


class TurnConflict(Exception):
    """Another, different turn is already stored under this sequence number."""


class NotFound(LookupError):
    """No such record (or not one the caller may see)."""


@dataclass(frozen=True)
class TurnRecord:
    """One turn as stored: the checker's verdict is kept in full (`review`) and in the
    columns a dashboard aggregates (`score`, `detected`); `data` is the turn's own dict."""

    seq: int
    draft: str
    sent: str
    client_reply: str
    score: int
    detected: dict[str, bool]
    review: JsonDict
    data: JsonDict
    mood: JsonDict | None = None
    usage: JsonDict | None = None

    def same_as(self, row: TurnRow) -> bool:
        return (self.draft, self.sent, self.client_reply) == (
            row.draft,
            row.sent,
            row.client_reply,
        )


@dataclass(frozen=True)
class RehearsalHeader:
    scenario_id: str
    difficulty: str
    engine: str
    source: str = "app"
    state: JsonDict = field(default_factory=dict)
    workshop_id: int | None = None
    participant_id: int | None = None
    owner_hash: str | None = None


@dataclass(frozen=True)
class StoredRehearsal:
    """A rehearsal read back: its header, state and turns in order."""

    id: str
    scenario_id: str
    difficulty: str
    engine: str
    source: str
    status: str
    workshop_id: int | None
    participant_id: int | None
    owner_hash: str | None
    state: JsonDict
    started_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    turns: tuple[TurnRecord, ...]


def new_rehearsal_id() -> str:
    """128 random bits: rehearsal ids appear in URLs, so they must not be guessable."""
    return uuid.uuid4().hex


def create_rehearsal(store: Store, header: RehearsalHeader, rehearsal_id: str | None = None) -> str:
    """Insert the rehearsal (idempotent for the same id) and return its id."""
    rid = rehearsal_id or new_rehearsal_id()
    with store.session() as s:
        if s.get(RehearsalRow, rid) is None:
            s.add(
                RehearsalRow(
                    id=rid,
                    scenario_id=header.scenario_id,
                    difficulty=header.difficulty,
                    engine=header.engine,
                    source=header.source,
                    state=header.state,
                    workshop_id=header.workshop_id,
                    participant_id=header.participant_id,
                    owner_hash=header.owner_hash,
                )
            )
    return rid


def append_turn(
    store: Store, rehearsal_id: str, turn: TurnRecord, state: JsonDict | None = None
) -> bool:
    """Store a turn, and the rehearsal's state after it in the same transaction.
    True if written now, False if this very turn was already there."""
    try:
        with store.session() as s:
            parent = s.get(RehearsalRow, rehearsal_id)
            if parent is None:
                raise NotFound(rehearsal_id)
            s.add(_turn_row(rehearsal_id, turn))
            parent.updated_at = utcnow()
            if state is not None:
                parent.state = state
        return True
    except IntegrityError:
        pass
    with store.session() as s:
        existing = s.scalars(
            select(TurnRow).where(TurnRow.rehearsal_id == rehearsal_id, TurnRow.seq == turn.seq)
        ).one()
        if not turn.same_as(existing):
            raise TurnConflict(f"rehearsal {rehearsal_id}: turn {turn.seq} already stored")
    return False


def _turn_row(rehearsal_id: str, t: TurnRecord) -> TurnRow:
    return TurnRow(
        rehearsal_id=rehearsal_id,
        seq=t.seq,
        draft=t.draft,
        sent=t.sent,
        client_reply=t.client_reply,
        score=t.score,
        detected=t.detected,
        review=t.review,
        mood=t.mood,
        usage=t.usage,
        data=t.data,
    )


def update_state(store: Store, rehearsal_id: str, state: JsonDict, ended: bool = False) -> None:
    """Replace the rehearsal's own state (mood, usage, notices...); mark it ended if asked."""
    with store.session() as s:
        row = s.get(RehearsalRow, rehearsal_id)
        if row is None:
            raise NotFound(rehearsal_id)
        row.state = state
        row.updated_at = utcnow()
        if ended and row.ended_at is None:
            row.status = "ended"
            row.ended_at = row.updated_at


def get_rehearsal(store: Store, rehearsal_id: str) -> StoredRehearsal:
    with store.session() as s:
        row = s.get(RehearsalRow, rehearsal_id)
        if row is None:
            raise NotFound(rehearsal_id)
        return _stored(row)


def list_rehearsals(
    store: Store,
    *,
    workshop_id: int | None = None,
    participant_id: int | None = None,
    limit: int | None = None,
) -> list[StoredRehearsal]:
    """Newest first, optionally narrowed to a workshop or a participant."""
    q = select(RehearsalRow).order_by(RehearsalRow.started_at.desc(), RehearsalRow.id)
    if workshop_id is not None:
        q = q.where(RehearsalRow.workshop_id == workshop_id)
    if participant_id is not None:
        q = q.where(RehearsalRow.participant_id == participant_id)
    if limit is not None:
        q = q.limit(limit)
    with store.session() as s:
        return [_stored(r) for r in s.scalars(q)]


def turn_count(store: Store, rehearsal_id: str) -> int:
    with store.session() as s:
        q = select(func.count()).select_from(TurnRow).where(TurnRow.rehearsal_id == rehearsal_id)
        return int(s.scalar(q) or 0)


def _stored(row: RehearsalRow) -> StoredRehearsal:
    return StoredRehearsal(
        id=row.id,
        scenario_id=row.scenario_id,
        difficulty=row.difficulty,
        engine=row.engine,
        source=row.source,
        status=row.status,
        workshop_id=row.workshop_id,
        participant_id=row.participant_id,
        owner_hash=row.owner_hash,
        state=dict(row.state),
        started_at=as_utc(row.started_at),
        updated_at=as_utc(row.updated_at),
        ended_at=as_utc(row.ended_at) if row.ended_at else None,
        turns=tuple(_record(t) for t in row.turns),
    )


def _record(t: TurnRow) -> TurnRecord:
    return TurnRecord(
        seq=t.seq,
        draft=t.draft,
        sent=t.sent,
        client_reply=t.client_reply,
        score=t.score,
        detected=dict(t.detected),
        review=dict(t.review),
        data=dict(t.data),
        mood=t.mood,
        usage=t.usage,
    )


def as_utc(value: Any) -> datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
