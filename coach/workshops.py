"""Workshop access: the trainer passcode (hashed at load, compared in constant time,
attempts rate-limited per client), join codes, participant tokens, and the checks that let
a trainee see only their own sessions and only a logged-in trainer see a dashboard."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import SecretStr

from coach.checking.profile import CustomRule
from coach.scenarios.schema import Difficulty
from coach.settings import get_settings
from coach.store.engine import Store
from coach.store.rehearsals import NotFound as _NotFound
from coach.store.rehearsals import StoredRehearsal, get_rehearsal, list_rehearsals
from coach.store.workshops import (
    CodeTaken,
    ParticipantInfo,
    WorkshopInfo,
    close_workshop,
    insert_participant,
    insert_workshop,
    participant_by_token_hash,
    workshop_by_code,
    workshop_by_id,
)

# No 0/O, 1/I/L: a code read aloud or copied off a projector is typed right first time.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes; with join attempts rate-limited, not guessable
TRAINER_SESSION_S = 12 * 3600
MAX_NAME = 80


class AccessDenied(Exception):
    """Not yours to see. Unknown and forbidden look the same, so ids cannot be probed."""


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many attempts; try again in {retry_after:.0f} s")
        self.retry_after = retry_after


class JoinError(ValueError):
    """A join the user can fix: unknown or closed code, empty name."""


class RateLimiter:
    """At most `limit` attempts per key in any `window_s` seconds (a sliding window)."""

    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window_s, self._clock = limit, window_s, clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Count an attempt, or raise RateLimited without counting it."""
        now = self._clock()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                raise RateLimited(hits[0] + self.window_s - now)
            hits.append(now)


def _scrypt(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


@dataclass(frozen=True)
class TrainerPass:
    """Proof of a successful trainer login; only the gate that issued it accepts it."""

    token: str


class TrainerGate:
    """Holds only a salted scrypt hash of the passcode, never the passcode itself."""

    def __init__(
        self,
        passcode: SecretStr | str | None,
        limiter: RateLimiter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        raw = passcode.get_secret_value() if isinstance(passcode, SecretStr) else passcode
        self._salt = os.urandom(16)
        self._hash = _scrypt(raw, self._salt) if raw else None
        self._limiter = limiter or RateLimiter(5, 60.0, clock)
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


def trainer_gate(passcode: SecretStr | None = None) -> TrainerGate:
    """The process-wide gate for this passcode (default: settings), so the rate limit
    holds across browser sessions."""
    return _gate(passcode or get_settings().coach_trainer_passcode)


@lru_cache(maxsize=4)
def _gate(passcode: SecretStr | None) -> TrainerGate:
    return TrainerGate(passcode)


@lru_cache(maxsize=1)
def join_limiter() -> RateLimiter:
    return RateLimiter(10, 60.0)


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
    join_limiter().hit(client_key)
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
    """The trainee a token belongs to, or AccessDenied."""
    participant = participant_by_token_hash(store, hash_token(token)) if token else None
    workshop = workshop_by_id(store, participant.workshop_id) if participant else None
    if participant is None or workshop is None:
        raise AccessDenied("unknown participant")
    return Trainee(participant, workshop)


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
