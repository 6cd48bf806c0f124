"""Accounts, failed sign-ins, sales learnt from the items events, and reviews.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("nickname", sa.String(20), nullable=False),
        sa.Column("region", sa.String(50), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.UniqueConstraint("nickname", name="uq_users_nickname"),
    )
    op.create_table(
        "failed_logins",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_failed_logins_key_failed_at", "failed_logins", ["key", "failed_at"])
    op.create_table(
        "sales",
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("seller_id", sa.String(36), nullable=False),
        sa.Column("buyer_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sold", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("author_id", sa.String(36), nullable=False),
        sa.Column("subject_id", sa.String(36), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("item_id", "author_id", name="uq_reviews_item_author"),
    )
    op.create_index("ix_reviews_subject_created", "reviews", ["subject_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_reviews_subject_created", table_name="reviews")
    op.drop_table("reviews")
    op.drop_table("sales")
    op.drop_index("ix_failed_logins_key_failed_at", table_name="failed_logins")
    op.drop_table("failed_logins")
    op.drop_table("users")
