"""Alembic environment. `coach.store.open_store` runs it with a live connection (passed in
`config.attributes["connection"]`); a developer can also point it at a URL to autogenerate a
revision (`sqlalchemy.url` main option)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from coach.store.models import Base

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
