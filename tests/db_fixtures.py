"""Database fixtures: a throwaway PostgreSQL server for the session, and a `store` fixture
that runs each test once on SQLite and once on PostgreSQL; plus a sample scenario and a
predictable engine for storage tests.

In CI (`CI` set) a missing PostgreSQL is a failure, never a skip."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from coach.engines.base import ClientReply, Coaching, ReplyContext
from coach.scenarios.schema import Difficulty, Scenario
from coach.store import Store, open_store
from coach.workshops import TrainerGate, TrainerPass

PG_USER = "postgres"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg(bindir: Path, tool: str, *args: str, check: bool = True) -> None:
    """Run a PostgreSQL tool as the `postgres` user (the server refuses to run as root)."""
    cmd = [str(bindir / tool), *args]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", PG_USER, "--", *cmd]
    subprocess.run(cmd, check=check, capture_output=True, text=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot be skipped in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start PostgreSQL on 127.0.0.1 (a free port, no Unix socket); yield an admin URL."""
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("PostgreSQL binaries not found (apt-get install postgresql)")
        return
    datadir = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    if os.geteuid() == 0:
        shutil.chown(datadir, PG_USER, PG_USER)
    port = _free_port()
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c fsync=off"
    log = datadir / "server.log"
    data = str(datadir / "data")
    try:
        _pg(bindir, "initdb", "-D", data, "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        _pg(bindir, "pg_ctl", "-D", data, "-o", opts, "-l", str(log), "-w", "-t", "60", "start")
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr + (log.read_text() if log.exists() else "")
        shutil.rmtree(datadir, ignore_errors=True)
        _unavailable(f"PostgreSQL did not start: {detail[-2000:]}")
        return
    try:
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}"
    finally:
        _pg(bindir, "pg_ctl", "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(datadir, ignore_errors=True)


def _admin(server_url: str, sql: str) -> None:
    dsn = server_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    _admin(postgres_server, f"CREATE DATABASE {name}")
    yield f"{postgres_server}/{name}"
    _admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database, on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'coach.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


def sample_scenario(scenario_id: str = "late-payer") -> Scenario:
    """A small valid scenario, independent of the built-in library."""
    level = {"opening": "You wanted to talk?", "mood": {"anger": 5, "trust": 4, "readiness": 2}}
    return Scenario.model_validate(
        {
            "id": scenario_id,
            "title": "A client who pays late",
            "situation": "unprofitable",
            "summary": "Invoices are paid months late.",
            "persona": {
                "name": "Dana Reyes",
                "role": "Owner",
                "company": "Reyes Catering",
                "business": "catering",
                "temperament": "brisk",
                "wants": "more credit",
            },
            "incidents": [{"id": "inv-1", "summary": "Invoice 1042 paid 90 days late"}],
            "difficulties": {d: level for d in ("cooperative", "defensive", "hostile")},
        }
    )


class EchoEngine:
    """A client that never accepts and answers each line predictably: storage tests must
    not depend on how the scripted client behaves."""

    name = "offline"

    def opening(self, scenario: Scenario, difficulty: Difficulty) -> ClientReply:
        return ClientReply(text=scenario.difficulties[difficulty].opening)

    def client_reply(self, ctx: ReplyContext, on_token: object = None) -> ClientReply:
        return ClientReply(text=f"You said: {ctx.draft}")

    def coach(self, draft, review, scenario, record=None, wanted=None) -> Coaching:
        return Coaching(review=review, rewrite=draft)


TEST_PASSCODE = "test-passcode-long-enough"


def signed_in(store: Store) -> tuple[TrainerGate, TrainerPass]:
    """A gate on `store` with the test passcode, and a trainer signed in to it."""
    gate = TrainerGate(TEST_PASSCODE, store)
    trainer = gate.login(TEST_PASSCODE, "trainer-laptop")
    assert trainer is not None
    return gate, trainer
