"""Search database: documents with their full-text index, suggestion terms, search log, metadata.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _code_point_string(length: int) -> sa.types.TypeEngine[str]:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("doc_id", _BIGINT, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(64), nullable=False, unique=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("price", sa.BigInteger, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("region", _code_point_string(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("seller_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bumped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bumped_epoch", sa.Float, nullable=False),
        sa.Column("fts_rowid", sa.BigInteger, nullable=True, unique=True),
        sa.Column("tsv", sa.Text().with_variant(TSVECTOR(), "postgresql"), nullable=True),
    )
    op.create_index("ix_search_documents_scope", "search_documents", ["region", "status", "category"])
    op.create_table(
        "search_suggestions",
        sa.Column("term", _code_point_string(200), primary_key=True),
        sa.Column("title_count", sa.Integer, nullable=False),
        sa.Column("query_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "search_log",
        sa.Column("id", _BIGINT, primary_key=True, autoincrement=True),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("region", sa.String(200), nullable=True),
        sa.Column("user_hash", sa.String(64), nullable=True),
        sa.Column("had_results", sa.Boolean, nullable=False),
        sa.Column("searched_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_search_log_searched_at", "search_log", ["searched_at"])
    op.create_table(
        "search_meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Contentless: the text lives in search_documents; the index holds only the Python-made tokens.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, compact, body, facets, content='', tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        op.create_index("ix_search_documents_tsv", "search_documents", ["tsv"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    op.drop_table("search_meta")
    op.drop_index("ix_search_log_searched_at", "search_log")
    op.drop_table("search_log")
    op.drop_table("search_suggestions")
    op.drop_index("ix_search_documents_scope", "search_documents")
    op.drop_table("search_documents")
