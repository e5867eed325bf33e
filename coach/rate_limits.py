"""Rate limits kept in the database, so they hold across browser sessions, server processes
and restarts: at most `per_key` attempts per client key and `overall` attempts from everyone
in any `window_s` seconds (a sliding window). The overall cap stops an attacker who opens a
new session (a new key) for every guess; a trainer it locks out signs in with a one-time link
from the server's CLI (`coach trainer-link`).

Which key a client gets is decided at the edge (`client_key`): the address a trusted proxy
reports when one is configured, else the browser session."""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text

from coach.store.engine import Store
from coach.store.models import RateHit


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many attempts; try again in {retry_after:.0f} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limit:
    bucket: str
    per_key: int
    overall: int
    window_s: float


TRAINER_LOGIN = Limit("trainer_login", per_key=5, overall=30, window_s=60.0)
JOIN = Limit("join", per_key=10, overall=300, window_s=60.0)
_LOCK_BASE = 0x6C696D6974  # "limit": PostgreSQL advisory lock ids, one per bucket


class RateLimiter:
    """Counts attempts for one `Limit` in `store`."""

    def __init__(self, store: Store, limit: Limit, clock: Callable[[], float] = time.time) -> None:
        self.store, self.limit, self._clock = store, limit, clock

    def hit(self, key: str) -> None:
        """Count an attempt, or raise RateLimited without counting it."""
        lim, now = self.limit, self._clock()
        key_hash = hashlib.sha256(key.encode()).hexdigest()
        with self.store.session() as s:
            if self.store.dialect == "postgresql":  # SQLite's BEGIN IMMEDIATE already serialises
                lock = _LOCK_BASE + sum(lim.bucket.encode())
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            in_bucket = RateHit.bucket == lim.bucket
            s.execute(delete(RateHit).where(in_bucket, RateHit.at <= now - lim.window_s))
            mine = select(func.count(), func.min(RateHit.at)).where(
                in_bucket, RateHit.key_hash == key_hash
            )
            count, oldest = s.execute(mine).one()
            if count >= lim.per_key:
                raise RateLimited(oldest + lim.window_s - now)
            everyone = select(func.count(), func.min(RateHit.at)).where(in_bucket)
            total, first = s.execute(everyone).one()
            if total >= lim.overall:
                raise RateLimited(first + lim.window_s - now)
            s.add(RateHit(bucket=lim.bucket, key_hash=key_hash, at=now))


def client_key(forwarded_for: str | None, proxy_depth: int, session_id: str) -> str:
    """The key to count a client's attempts under. With `proxy_depth` trusted proxies in
    front, the address the outermost of them saw (counted from the right of
    X-Forwarded-For, so entries a client forges on the left are ignored); without one, the
    browser session: the peer address is then the proxy's or loopback for everyone."""
    if proxy_depth > 0:
        hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
        if len(hops) >= proxy_depth and _is_address(hops[-proxy_depth]):
            return f"ip:{hops[-proxy_depth]}"
    return f"session:{session_id}"


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
