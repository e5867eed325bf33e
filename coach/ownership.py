"""Who may open a saved rehearsal. A rehearsal id shows in the address bar, so on a
projector, a screen share or a shared PC's history; the id alone must not open anything.
A workshop rehearsal opens for its trainee (a valid, unrevoked token of the workshop that is
still open); any other rehearsal started in the app opens for the browser that started it
(its owner key, kept in that browser, is stored only as a hash). Rehearsals from the CLI are
not opened in the app by link."""

from __future__ import annotations

import hmac
import re
import secrets

from coach.store.rehearsals import StoredRehearsal
from coach.workshops import Trainee, hash_token

_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32)


def new_owner_key() -> str:
    return secrets.token_urlsafe(32)


def valid_owner_key(value: object) -> bool:
    """A key this app could have made: anything else (a tampered cookie) is replaced."""
    return isinstance(value, str) and _KEY_SHAPE.fullmatch(value) is not None


def owner_hash(owner_key: str) -> str:
    return hash_token(owner_key)


def may_open(saved: StoredRehearsal, owner_key: str | None, me: Trainee | None) -> bool:
    """True only for the rehearsal's own trainee or the browser that started it."""
    if saved.participant_id is not None:
        return me is not None and me.participant.id == saved.participant_id
    if saved.owner_hash is None or not valid_owner_key(owner_key):
        return False
    return hmac.compare_digest(owner_hash(str(owner_key)), saved.owner_hash)
