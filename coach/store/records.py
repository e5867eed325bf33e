"""Email reviews and assessments, each written when the user runs it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from coach.store.engine import Store
from coach.store.models import AssessmentRow, EmailReviewRow, JsonDict
from coach.store.rehearsals import as_utc


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
    with store.session() as s:
        row = EmailReviewRow(
            text=text,
            score=int(review.get("score", 0)),
            review=review,
            rewrite=rewrite,
            participant_id=participant_id,
        )
        s.add(row)
        s.flush()
        return row.id


def list_email_reviews(
    store: Store, participant_id: int | None = None, limit: int = 50
) -> list[SavedEmailReview]:
    q = select(EmailReviewRow).order_by(EmailReviewRow.id.desc()).limit(limit)
    if participant_id is not None:
        q = q.where(EmailReviewRow.participant_id == participant_id)
    with store.session() as s:
        return [
            SavedEmailReview(
                r.id, r.text, r.score, r.review, r.rewrite, r.participant_id, as_utc(r.created_at)
            )
            for r in s.scalars(q)
        ]


def save_assessment(
    store: Store,
    inputs: JsonDict,
    result: JsonDict,
    recommendation: str,
    participant_id: int | None = None,
) -> int:
    with store.session() as s:
        row = AssessmentRow(
            inputs=inputs,
            result=result,
            recommendation=recommendation,
            participant_id=participant_id,
        )
        s.add(row)
        s.flush()
        return row.id


def list_assessments(
    store: Store, participant_id: int | None = None, limit: int = 50
) -> list[SavedAssessment]:
    q = select(AssessmentRow).order_by(AssessmentRow.id.desc()).limit(limit)
    if participant_id is not None:
        q = q.where(AssessmentRow.participant_id == participant_id)
    with store.session() as s:
        return [
            SavedAssessment(
                r.id, r.recommendation, r.inputs, r.result, r.participant_id, as_utc(r.created_at)
            )
            for r in s.scalars(q)
        ]
