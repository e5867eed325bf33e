"""Email reviews and assessments, each written when the user runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select

from coach.store.engine import Store
from coach.store.models import AssessmentRow, EmailReviewRow, JsonDict
from coach.store.rehearsals import as_utc

Row = TypeVar("Row", EmailReviewRow, AssessmentRow)
T = TypeVar("T")


@dataclass(frozen=True)
class SavedEmailReview:
    id: int
    text: str
    score: int
    review: JsonDict
    rewrite: str | None
    participant_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class SavedAssessment:
    id: int
    recommendation: str
    inputs: JsonDict
    result: JsonDict
    participant_id: int | None
    created_at: datetime


def save_email_review(
    store: Store,
    text: str,
    review: JsonDict,
    rewrite: str | None = None,
    participant_id: int | None = None,
) -> int:
    """`review` is `Review.to_dict()`; its score is kept in a column for listings."""
    row = EmailReviewRow(
        text=text,
        score=int(review.get("score", 0)),
        review=review,
        rewrite=rewrite,
        participant_id=participant_id,
    )
    return _insert(store, row)


def list_email_reviews(
    store: Store, participant_id: int | None = None, limit: int = 50
) -> list[SavedEmailReview]:
    def saved(r: EmailReviewRow) -> SavedEmailReview:
        return SavedEmailReview(
            r.id, r.text, r.score, r.review, r.rewrite, r.participant_id, as_utc(r.created_at)
        )

    return _newest(store, EmailReviewRow, participant_id, limit, saved)


def save_assessment(
    store: Store,
    inputs: JsonDict,
    result: JsonDict,
    recommendation: str,
    participant_id: int | None = None,
) -> int:
    row = AssessmentRow(
        inputs=inputs,
        result=result,
        recommendation=recommendation,
        participant_id=participant_id,
    )
    return _insert(store, row)


def list_assessments(
    store: Store, participant_id: int | None = None, limit: int = 50
) -> list[SavedAssessment]:
    def saved(r: AssessmentRow) -> SavedAssessment:
        return SavedAssessment(
            r.id, r.recommendation, r.inputs, r.result, r.participant_id, as_utc(r.created_at)
        )

    return _newest(store, AssessmentRow, participant_id, limit, saved)


def _insert(store: Store, row: EmailReviewRow | AssessmentRow) -> int:
    with store.session() as s:
        s.add(row)
        s.flush()
        return row.id


def _newest(
    store: Store,
    model: type[Row],
    participant_id: int | None,
    limit: int,
    saved: Callable[[Row], T],
) -> list[T]:
    """The newest rows first (one participant's, if given), converted while the session is
    open."""
    q = select(model).order_by(model.id.desc()).limit(limit)
    if participant_id is not None:
        q = q.where(model.participant_id == participant_id)
    with store.session() as s:
        return [saved(r) for r in s.scalars(q)]
