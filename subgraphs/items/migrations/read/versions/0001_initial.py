"""The items read store: projected items and likes, plus view counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "read_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("category", sa.String(50), nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("seller_id", sa.String(36), nullable=False),
        sa.Column("buyer_id", sa.String(36), nullable=True),
        sa.Column("sold_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bumped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_read_items_newest", "read_items", ["deleted", "bumped_at", "id"])
    op.create_index("ix_read_items_seller_id", "read_items", ["seller_id"])
    op.create_index("ix_read_items_buyer_id", "read_items", ["buyer_id"])
    op.create_table(
        "read_likes",
        sa.Column("item_id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_read_likes_user_id", "read_likes", ["user_id"])
    op.create_table(
        "item_view_counts",
        sa.Column("item_id", sa.String(36), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_table(
        "item_viewers",
        sa.Column("item_id", sa.String(36), primary_key=True),
        sa.Column("viewer", sa.String(100), primary_key=True),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("item_viewers")
    op.drop_table("item_view_counts")
    op.drop_table("read_likes")
    op.drop_table("read_items")
