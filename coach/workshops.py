"""Workshop access: the trainer passcode (hashed at load, compared in constant time, at
least 12 characters, attempts rate-limited in the database), one-time sign-in links from the
server's CLI, join codes, participant tokens (valid while the workshop is open and until the
trainer revokes them), and the checks that let a trainee see only their own sessions and only
a signed-in trainer see a dashboard."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import SecretStr

from coach.checking.profile import CustomRule
from coach.rate_limits import JOIN, TRAINER_LOGIN, RateLimiter
from coach.rate_limits import RateLimited as RateLimited  # pages catch it here with the rest
from coach.scenarios.schema import Difficulty
from coach.settings import get_settings
from coach.store.engine import Store, open_store
from coach.store.rehearsals import NotFound as _NotFound
from coach.store.rehearsals import StoredRehearsal, get_rehearsal, list_rehearsals
from coach.store.workshops import (
    CodeTaken,
    ParticipantInfo,
    WorkshopInfo,
    close_workshop,
    insert_participant,
    insert_sign_in_link,
    insert_workshop,
    participant_by_token_hash,
    revoke_participant,
    use_sign_in_link,
    workshop_by_code,
    workshop_by_id,
)

# No 0/O, 1/I/L: a code read aloud or copied off a projector is typed right first time.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes; with join attempts rate-limited, not guessable
TRAINER_SESSION_S = 12 * 3600
SIGN_IN_LINK_S = 15 * 60
MIN_PASSCODE = 12
MAX_NAME = 80


class AccessDenied(Exception):
    """Not yours to see. Unknown and forbidden look the same, so ids cannot be probed."""


class JoinError(ValueError):
    """A join the user can fix: unknown or closed code, empty name."""


def _scrypt(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


@dataclass(frozen=True)
class TrainerPass:
    """Proof of a successful trainer login; only the gate that issued it accepts it."""

    token: str


class TrainerGate:
    """Holds only a salted scrypt hash of the passcode, never the passcode itself. A passcode
    shorter than MIN_PASSCODE opens nothing (`too_short` says why)."""

    def __init__(
        self,
        passcode: SecretStr | str | None,
        store: Store,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        raw = passcode.get_secret_value() if isinstance(passcode, SecretStr) else passcode
        self.too_short = bool(raw) and len(raw or "") < MIN_PASSCODE
        self._salt = os.urandom(16)
        self._hash = _scrypt(raw, self._salt) if raw and not self.too_short else None
        self._store = store
        self._limiter = RateLimiter(store, TRAINER_LOGIN)
        self._clock = clock
        self._passes: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return self._hash is not None

    def login(self, attempt: str, client_key: str) -> TrainerPass | None:
        """A pass if the passcode is right; None if wrong; RateLimited if too many tries."""
        self._limiter.hit(client_key)
        if self._hash is None:
            return None
        if not hmac.compare_digest(_scrypt(attempt, self._salt), self._hash):
            return None
        return self._new_pass()

    def redeem(self, link_token: str) -> TrainerPass | None:
        """Sign in with a one-time link from `coach trainer-link` (no rate limit: the
        token is 256 random bits, valid once for SIGN_IN_LINK_S)."""
        if not self.configured or not link_token:
            return None
        if not use_sign_in_link(self._store, hash_token(link_token), time.time()):
            return None
        return self._new_pass()

    def _new_pass(self) -> TrainerPass:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._passes[token] = self._clock() + TRAINER_SESSION_S
        return TrainerPass(token)

    def check(self, trainer: TrainerPass | None) -> None:
        if trainer is None:
            raise AccessDenied("trainer login required")
        with self._lock:
            expires = self._passes.get(trainer.token)
        if expires is None or expires < self._clock():
            raise AccessDenied("trainer login required")

    def logout(self, trainer: TrainerPass) -> None:
        with self._lock:
            self._passes.pop(trainer.token, None)


def trainer_gate(store: Store, passcode: SecretStr | None = None) -> TrainerGate:
    """The process-wide gate for this database and passcode (default: settings), so a
    trainer's pass holds across reruns of their session."""
    return _gate(store.url, passcode or get_settings().coach_trainer_passcode)


@lru_cache(maxsize=4)
def _gate(url: str, passcode: SecretStr | None) -> TrainerGate:
    return TrainerGate(passcode, open_store(url))


def new_sign_in_link(store: Store) -> str:
    """A one-time trainer sign-in token (for a trainer the rate limit locked out); only its
    hash is stored."""
    token = secrets.token_urlsafe(32)
    insert_sign_in_link(store, hash_token(token), time.time() + SIGN_IN_LINK_S)
    return token


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """Accept lower case, spaces and dashes ('abcd-efgh')."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_workshop(
    store: Store,
    gate: TrainerGate,
    trainer: TrainerPass | None,
    name: str,
    scenario_ids: list[str],
    difficulty: Difficulty | str,
    custom_rules: list[CustomRule] | None = None,
) -> WorkshopInfo:
    """A new workshop with a fresh, unique join code."""
    gate.check(trainer)
    name = name.strip()
    if not name or not scenario_ids:
        raise ValueError("a workshop needs a name and at least one scenario")
    rules: list[dict[str, Any]] = []
    for rule in custom_rules or []:
        rule.to_rule()  # raises ValueError when the rule has neither forbid nor require
        rules.append(rule.model_dump(mode="json"))
    for _ in range(10):
        try:
            return insert_workshop(
                store, new_join_code(), name, scenario_ids, Difficulty(difficulty).value, rules
            )
        except CodeTaken:
            continue
    raise RuntimeError("could not find a free join code")


def close(store: Store, gate: TrainerGate, trainer: TrainerPass | None, workshop_id: int) -> None:
    """No new joins; everything saved stays."""
    gate.check(trainer)
    close_workshop(store, workshop_id)


@dataclass(frozen=True)
class Trainee:
    participant: ParticipantInfo
    workshop: WorkshopInfo


def join(store: Store, code: str, display_name: str, client_key: str) -> tuple[Trainee, str]:
    """Join with a code and a name; returns the trainee and their secret token (shown
    to them once, kept in their browser; only its hash is stored)."""
    RateLimiter(store, JOIN).hit(client_key)
    name = " ".join(display_name.split())[:MAX_NAME]
    if not name:
        raise JoinError("Enter a display name.")
    workshop = workshop_by_code(store, normalize_code(code))
    if workshop is None:
        raise JoinError("No workshop has that code.")
    if not workshop.is_open:
        raise JoinError("That workshop is closed.")
    token = secrets.token_urlsafe(32)
    participant = insert_participant(store, workshop.id, name, hash_token(token))
    return Trainee(participant, workshop), token


def trainee(store: Store, token: str | None) -> Trainee:
    """The trainee a token belongs to, or AccessDenied: tokens end with their workshop and
    when the trainer revokes them."""
    participant = participant_by_token_hash(store, hash_token(token)) if token else None
    workshop = workshop_by_id(store, participant.workshop_id) if participant else None
    if participant is None or workshop is None:
        raise AccessDenied("this workshop sign-in is not valid")
    if participant.revoked_at is not None:
        raise AccessDenied("the trainer has withdrawn this access")
    if not workshop.is_open:
        raise AccessDenied("this workshop has ended")
    return Trainee(participant, workshop)


def revoke(
    store: Store, gate: TrainerGate, trainer: TrainerPass | None, participant_id: int
) -> None:
    """The trainee's token stops working at once; their saved sessions stay."""
    gate.check(trainer)
    revoke_participant(store, participant_id)


def own_rehearsals(store: Store, token: str | None) -> list[StoredRehearsal]:
    me = trainee(store, token)
    return list_rehearsals(store, participant_id=me.participant.id)


def own_rehearsal(store: Store, token: str | None, rehearsal_id: str) -> StoredRehearsal:
    """A trainee's own rehearsal; someone else's, or no such id, is AccessDenied alike."""
    me = trainee(store, token)
    try:
        found = get_rehearsal(store, rehearsal_id)
    except _NotFound:
        raise AccessDenied("no such rehearsal") from None
    if found.participant_id != me.participant.id:
        raise AccessDenied("no such rehearsal")
    return found


def trainer_workshop(
    store: Store, gate: TrainerGate, trainer: TrainerPass | None, code: str
) -> WorkshopInfo:
    gate.check(trainer)
    found = workshop_by_code(store, normalize_code(code))
    if found is None:
        raise AccessDenied("no such workshop")
    return found
