"""Bounds on a model turn that the HTTP client's own timeout does not give.

httpx's read timeout restarts with every chunk, so a server sending one byte every two
seconds holds a turn for as long as it likes, and nothing stops a 5 MB reply. A turn
therefore carries a deadline (a context variable, so retries and both requests of a turn
share it), and the httpx hooks here shorten each request's timeouts to the time left and
check the deadline and a byte budget on every chunk of the body.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

_deadline: ContextVar[float | None] = ContextVar("coach_turn_deadline", default=None)


class DeadlinePassed(TimeoutError):
    """The turn's overall deadline passed while waiting for the model."""


class ReplyTooLarge(ValueError):
    """The model's reply went over the configured size."""


@contextmanager
def turn_deadline(seconds: float) -> Iterator[None]:
    """Every request made inside the block must finish within `seconds` of its start."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def seconds_left() -> float | None:
    """Time left in the current turn; None outside a turn."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def check_deadline() -> None:
    left = seconds_left()
    if left is not None and left <= 0:
        raise DeadlinePassed("the turn's deadline passed")


class _BoundedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, max_bytes: int) -> None:
        self._inner = inner
        self._max_bytes = max_bytes

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._inner:
            received += len(chunk)
            if received > self._max_bytes:
                raise ReplyTooLarge(f"the reply went over {self._max_bytes:,} bytes")
            check_deadline()
            yield chunk

    def close(self) -> None:
        self._inner.close()


def bounded_http_client(max_bytes: int) -> httpx.Client:
    """An httpx client (proxies from the environment still apply) that enforces the turn's
    deadline and a cap of `max_bytes` on every response body."""

    def shorten_timeouts(request: httpx.Request) -> None:
        check_deadline()
        left = seconds_left()
        if left is None:
            return
        timeouts = dict(request.extensions.get("timeout", {}))
        request.extensions["timeout"] = {
            key: left if value is None else min(value, left) for key, value in timeouts.items()
        }

    def bound_body(response: httpx.Response) -> None:
        stream = response.stream
        if isinstance(stream, httpx.SyncByteStream):
            response.stream = _BoundedStream(stream, max_bytes)

    return httpx.Client(
        follow_redirects=True,
        event_hooks={"request": [shorten_timeouts], "response": [bound_body]},
    )
