"""Open a store: build the engine for SQLite or PostgreSQL, and migrate the schema to head
on first use. SQLite gets WAL, a busy timeout and `BEGIN IMMEDIATE` transactions so that
concurrent writers queue instead of failing; PostgreSQL serialises migrations with an
advisory lock so two processes starting at once do not race."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from coach.settings import get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK_KEY = 0x636F616368  # "coach": one advisory lock id for schema upgrades


@dataclass
class Store:
    """An open database: an engine and a session factory. Use `session()` for a unit of
    work that commits at the end of the block (or rolls back on an error)."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.factory.begin() as s:
            yield s

    def close(self) -> None:
        _OPEN.pop(self.url, None)
        self.engine.dispose()


class StoreError(Exception):
    """The database cannot be opened or written; the message is one line fit for a user
    (the driver's reason, never the SQL statement or parameters)."""


def storage_reason(exc: BaseException) -> str:
    """The first line of what went wrong, without SQLAlchemy's statement and help link."""
    if isinstance(exc, ArgumentError) and not isinstance(exc, NoSuchModuleError):
        return "the database URL is not valid (its text may hold a password, so it is not shown)"
    cause = getattr(exc, "orig", None) or exc
    text = str(cause).strip().splitlines()
    reason = text[0] if text else type(cause).__name__
    if isinstance(cause, OSError) and cause.strerror:
        reason = f"{cause.strerror}: {cause.filename}" if cause.filename else cause.strerror
    return reason[:300]


_OPEN: dict[str, Store] = {}
_OPEN_LOCK = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """The store for `url` (default: settings' DATABASE_URL, else the SQLite file), created
    and upgraded to the latest schema the first time this process opens it. StoreError if
    the database cannot be reached, created or written."""
    url = url or get_settings().sqlalchemy_url()
    with _OPEN_LOCK:
        store = _OPEN.get(url)
        if store is None:
            try:
                engine = build_engine(url)
                migrate(engine)
            except (SQLAlchemyError, OSError, ValueError) as exc:
                raise StoreError(f"cannot open the database: {storage_reason(exc)}") from exc
            store = Store(url, engine, sessionmaker(engine, expire_on_commit=False))
            _OPEN[url] = store
        return store


def build_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # Take transaction control away from pysqlite so `_sqlite_begin` decides how to begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
        "foreign_keys=ON",
        "synchronous=NORMAL",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Take the write lock up front: a read transaction that later writes can fail at once
    # with SQLITE_BUSY in WAL mode, whereas BEGIN IMMEDIATE waits for the busy timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        command.upgrade(alembic_config(conn), revision)


def alembic_config(conn: Connection | None = None, url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["connection"] = conn
    return cfg
