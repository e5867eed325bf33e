"""Shared fixtures. Database fixtures live in db_fixtures.py."""

from tests.db_fixtures import db_url, postgres_server, postgres_url, store

__all__ = ["db_url", "postgres_server", "postgres_url", "store"]
