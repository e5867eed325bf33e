"""Workshop and participant rows. Codes, tokens and who may see what are decided in
`coach.workshops`; this module only reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coach.store.engine import Store
from coach.store.models import Participant, SignInLink, Workshop, utcnow
from coach.store.rehearsals import NotFound, as_utc


class CodeTaken(Exception):
    """The join code is already used by another workshop."""


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    code: str
    name: str
    scenario_ids: tuple[str, ...]
    difficulty: str
    custom_rules: tuple[dict[str, Any], ...]
    created_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    workshop_id: int
    display_name: str
    joined_at: datetime
    revoked_at: datetime | None = None


def insert_workshop(
    store: Store,
    code: str,
    name: str,
    scenario_ids: list[str],
    difficulty: str,
    custom_rules: list[dict[str, Any]],
) -> WorkshopInfo:
    try:
        with store.session() as s:
            row = Workshop(
                code=code,
                name=name,
                scenario_ids=scenario_ids,
                difficulty=difficulty,
                custom_rules=custom_rules,
            )
            s.add(row)
            s.flush()
            return _workshop(row)
    except IntegrityError as exc:
        raise CodeTaken(code) from exc


def workshop_by_code(store: Store, code: str) -> WorkshopInfo | None:
    with store.session() as s:
        row = s.scalars(select(Workshop).where(Workshop.code == code)).one_or_none()
        return _workshop(row) if row else None


def list_workshops(store: Store) -> list[WorkshopInfo]:
    with store.session() as s:
        return [_workshop(r) for r in s.scalars(select(Workshop).order_by(Workshop.id.desc()))]


def close_workshop(store: Store, workshop_id: int) -> None:
    _stamp_once(store, Workshop, workshop_id, "closed_at")


def _stamp_once(store: Store, model: type[Workshop | Participant], row_id: int, field: str) -> None:
    """Set a row's time stamp (closed_at, revoked_at) the first time; later calls keep it."""
    with store.session() as s:
        row = s.get(model, row_id)
        if row is None:
            raise NotFound(str(row_id))
        if getattr(row, field) is None:
            setattr(row, field, utcnow())


def insert_participant(
    store: Store, workshop_id: int, display_name: str, token_hash: str
) -> ParticipantInfo:
    with store.session() as s:
        row = Participant(workshop_id=workshop_id, display_name=display_name, token_hash=token_hash)
        s.add(row)
        s.flush()
        return _participant(row)


def participant_by_token_hash(store: Store, token_hash: str) -> ParticipantInfo | None:
    with store.session() as s:
        q = select(Participant).where(Participant.token_hash == token_hash)
        row = s.scalars(q).one_or_none()
        return _participant(row) if row else None


def list_participants(store: Store, workshop_id: int) -> list[ParticipantInfo]:
    with store.session() as s:
        q = select(Participant).where(Participant.workshop_id == workshop_id)
        return [_participant(r) for r in s.scalars(q.order_by(Participant.id))]


def revoke_participant(store: Store, participant_id: int) -> None:
    _stamp_once(store, Participant, participant_id, "revoked_at")


def insert_sign_in_link(store: Store, token_hash: str, expires_at: float) -> None:
    with store.session() as s:
        s.add(SignInLink(token_hash=token_hash, expires_at=expires_at, used=False))


def use_sign_in_link(store: Store, token_hash: str, now: float) -> bool:
    """Mark the link used; True only the first time, and only before it expires."""
    with store.session() as s:
        q = select(SignInLink).where(SignInLink.token_hash == token_hash).with_for_update()
        row = s.scalars(q).one_or_none()
        if row is None or row.used or row.expires_at < now:
            return False
        row.used = True
        return True


def workshop_by_id(store: Store, workshop_id: int) -> WorkshopInfo | None:
    with store.session() as s:
        row = s.get(Workshop, workshop_id)
        return _workshop(row) if row else None


def _workshop(row: Workshop) -> WorkshopInfo:
    return WorkshopInfo(
        id=row.id,
        code=row.code,
        name=row.name,
        scenario_ids=tuple(row.scenario_ids),
        difficulty=row.difficulty,
        custom_rules=tuple(row.custom_rules),
        created_at=as_utc(row.created_at),
        closed_at=as_utc(row.closed_at) if row.closed_at else None,
    )


def _participant(row: Participant) -> ParticipantInfo:
    revoked = as_utc(row.revoked_at) if row.revoked_at else None
    return ParticipantInfo(
        row.id, row.workshop_id, row.display_name, as_utc(row.joined_at), revoked
    )
