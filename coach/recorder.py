"""The rehearsal recorder that saves to the store: the rehearsal when it starts, each turn
the moment it happens (with the rehearsal's state after it, in one transaction), and the
end. `load_rehearsal` rebuilds a saved rehearsal so it resumes where it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from coach.checking.profile import Profile
from coach.engines.base import Engine
from coach.rehearsal import Rehearsal, Turn
from coach.store.engine import Store, StoreError, open_store, storage_reason
from coach.store.rehearsals import (
    RehearsalHeader,
    StoredRehearsal,
    TurnRecord,
    append_turn,
    create_rehearsal,
    get_rehearsal,
    update_state,
)
from coach.store.results import workshop_profile
from coach.store.workshops import workshop_by_id


def rehearsal_state(rehearsal: Rehearsal) -> dict[str, Any]:
    """The rehearsal's dict without its turns (those are stored one row each)."""
    state = rehearsal.to_dict()
    state.pop("turns", None)
    return state


def turn_record(turn: Turn) -> TurnRecord:
    data = turn.to_dict()
    return TurnRecord(
        seq=turn.index,
        draft=turn.draft if turn.draft is not None else turn.user,
        sent=turn.user,
        client_reply=turn.client,
        score=turn.score or 0,
        detected=dict(turn.review.detected),
        review=data["review"],
        data=data,
        mood=data["mood"],
        usage=data["usage"],
    )


class SaveFailed(Exception):
    """A rehearsal event was not stored; the message is one line for the user."""


class StoreRecorder:
    """Pass as `recorder=` to `Rehearsal.start` / `from_dict`. Storage errors reach the
    rehearsal as `SaveFailed`, which it keeps as `save_error` and shows as a notice instead
    of losing the conversation. Without a `store`, the default database is used."""

    def __init__(
        self,
        store: Store | None = None,
        *,
        source: str = "app",
        workshop_id: int | None = None,
        participant_id: int | None = None,
        owner_hash: str | None = None,
    ) -> None:
        self._store = store
        self.source = source
        self.workshop_id = workshop_id
        self.participant_id = participant_id
        self.owner_hash = owner_hash

    @property
    def store(self) -> Store:
        """Opened on first use (default: the database in settings), so a database that
        cannot be opened becomes the rehearsal's notice rather than a crash."""
        if self._store is None:
            self._store = open_store()
        return self._store

    def _save(self, write: Callable[[Store], object]) -> None:
        try:
            write(self.store)
        except StoreError as exc:
            raise SaveFailed(str(exc)) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise SaveFailed(storage_reason(exc)) from exc

    def on_start(self, rehearsal: Rehearsal) -> None:
        header = RehearsalHeader(
            scenario_id=rehearsal.scenario.id,
            difficulty=rehearsal.difficulty.value,
            engine=rehearsal.engine.name,
            source=self.source,
            state=rehearsal_state(rehearsal),
            workshop_id=self.workshop_id,
            participant_id=self.participant_id,
            owner_hash=self.owner_hash,
        )
        self._save(lambda store: create_rehearsal(store, header, rehearsal.id))

    def on_turn(self, rehearsal: Rehearsal, turn: Turn) -> None:
        record, state = turn_record(turn), rehearsal_state(rehearsal)
        self._save(lambda store: append_turn(store, rehearsal.id, record, state))

    def on_end(self, rehearsal: Rehearsal) -> None:
        state = rehearsal_state(rehearsal)
        self._save(lambda store: update_state(store, rehearsal.id, state, ended=True))


def rehearsal_dict(saved: StoredRehearsal) -> dict[str, Any]:
    """A saved rehearsal as `Rehearsal.to_dict()` would give it: state plus turns."""
    data = dict(saved.state)
    data["turns"] = [t.data for t in saved.turns]
    return data


def load_rehearsal(
    store: Store,
    rehearsal_id: str,
    engine: Engine | None = None,
    *,
    profile: Profile | None = None,
    record: bool = True,
) -> Rehearsal:
    """Resume a saved rehearsal (NotFound if there is none). Further turns are saved too
    unless `record` is False; `engine` defaults to the offline engine, and a workshop
    rehearsal keeps the workshop's custom rules unless `profile` is given."""
    saved = get_rehearsal(store, rehearsal_id)
    recorder = (
        StoreRecorder(
            store,
            source=saved.source,
            workshop_id=saved.workshop_id,
            participant_id=saved.participant_id,
            owner_hash=saved.owner_hash,
        )
        if record
        else None
    )
    if engine is None:
        from coach.engines.offline import OfflineEngine

        engine = OfflineEngine()
    if profile is None and saved.workshop_id is not None:
        profile = _workshop_profile(store, saved.workshop_id)
    return Rehearsal.from_dict(rehearsal_dict(saved), engine, recorder, profile=profile)


def _workshop_profile(store: Store, workshop_id: int) -> Profile | None:
    workshop = workshop_by_id(store, workshop_id)
    return workshop_profile(workshop.custom_rules) if workshop and workshop.custom_rules else None
