"""Persistence: SQLite by default, PostgreSQL when DATABASE_URL is set. Everything a user
does is written when it happens; `open_store()` creates and migrates the database."""

from coach.store.engine import Store, StoreError, open_store, storage_reason
from coach.store.records import (
    list_assessments,
    list_email_reviews,
    save_assessment,
    save_email_review,
)
from coach.store.rehearsals import (
    NotFound,
    RehearsalHeader,
    StoredRehearsal,
    TurnConflict,
    TurnRecord,
    append_turn,
    create_rehearsal,
    get_rehearsal,
    list_rehearsals,
    update_state,
)

__all__ = [
    "NotFound",
    "RehearsalHeader",
    "Store",
    "StoreError",
    "StoredRehearsal",
    "TurnConflict",
    "TurnRecord",
    "append_turn",
    "create_rehearsal",
    "get_rehearsal",
    "list_assessments",
    "list_email_reviews",
    "list_rehearsals",
    "open_store",
    "save_assessment",
    "save_email_review",
    "storage_reason",
    "update_state",
]
