"""access: rehearsal owners, revocable participants, rate-limit hits, one-time sign-ins

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 16:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rehearsals") as batch:
        batch.add_column(sa.Column("owner_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "rate_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=40), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rate_hits_bucket_at", "rate_hits", ["bucket", "at"])
    op.create_table(
        "sign_in_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )


def downgrade() -> None:
    op.drop_table("sign_in_links")
    op.drop_index("ix_rate_hits_bucket_at", table_name="rate_hits")
    op.drop_table("rate_hits")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("rehearsals") as batch:
        batch.drop_column("owner_hash")
