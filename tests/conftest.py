"""Shared fixtures. Database fixtures live in db_fixtures.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.settings import get_settings, set_overrides
from tests.db_fixtures import db_url, postgres_server, postgres_url, store

__all__ = ["db_url", "postgres_server", "postgres_url", "store"]


@pytest.fixture(autouse=True, scope="session")
def _default_database_outside_the_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Code that falls back to the default settings (and the subprocesses tests start) writes
    its SQLite file to a temp dir, so a test run never leaves a `coach.db` in the checkout."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_DB_PATH", str(tmp_path_factory.mktemp("default-db") / "coach.db"))
        mp.delenv("DATABASE_URL", raising=False)
        get_settings.cache_clear()
        yield
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _no_settings_overrides_between_tests() -> Iterator[None]:
    """An app run installs its secrets as process-wide settings overrides; drop them after
    each test so they never reach the next one."""
    yield
    set_overrides({})
