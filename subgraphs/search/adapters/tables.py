"""Tables of the search database (its own registry): documents, suggestion terms, the search log, metadata.

The full-text part is not here because it is dialect-specific: an FTS5 virtual table on SQLite (created by
the migration) and the `tsv` tsvector column (GIN-indexed) on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

__all__ = ["DocumentRow", "MetaRow", "SearchLogRow", "SearchTable", "SuggestionRow"]

# Prefix range scans compare code points; PostgreSQL's default collation would not.
_TERM = sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")
_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class SearchTable(SQLModel, registry=registry()):
    pass


class DocumentRow(SearchTable, table=True):
    """One item as last seen in its events; a deleted item stays as a tombstone that keeps its version."""

    __tablename__ = "search_documents"
    __table_args__ = (sa.Index("ix_search_documents_scope", "region", "status", "category"),)

    doc_id: int | None = Field(default=None, sa_column=sa.Column(_BIGINT, primary_key=True, autoincrement=True))
    item_id: str = Field(sa_column=sa.Column(sa.String(64), nullable=False, unique=True))
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    deleted: bool = Field(sa_column=sa.Column(sa.Boolean, nullable=False))
    title: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    description: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    price: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    category: str = Field(sa_column=sa.Column(sa.String(100), nullable=False))
    region: str = Field(
        sa_column=sa.Column(sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql"), nullable=False)
    )
    status: str = Field(sa_column=sa.Column(sa.String(20), nullable=False))
    seller_id: str = Field(sa_column=sa.Column(sa.String(64), nullable=False))
    created_at: datetime = Field(sa_column=sa.Column(sa.DateTime(timezone=True), nullable=False))
    bumped_at: datetime = Field(sa_column=sa.Column(sa.DateTime(timezone=True), nullable=False))
    # Seconds since the epoch of bumped_at: sort key and freshness input with the same arithmetic everywhere.
    bumped_epoch: float = Field(sa_column=sa.Column(sa.Float, nullable=False))
    # SQLite only: the document's rowid in the FTS5 index, ordered like bumped_at so "newest first" is index order.
    fts_rowid: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger, nullable=True, unique=True))
    # PostgreSQL only: the document's tokens with weights and positions.
    tsv: str | None = Field(default=None, sa_column=sa.Column(sa.Text().with_variant(TSVECTOR(), "postgresql")))


class SuggestionRow(SearchTable, table=True):
    """A suggestable term: how many indexed titles contain it, how many successful searches asked for it."""

    __tablename__ = "search_suggestions"

    term: str = Field(sa_column=sa.Column(_TERM, primary_key=True))
    title_count: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    query_count: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class SearchLogRow(SearchTable, table=True):
    """Every first-page search: normalized query, region searched, anonymised user, time."""

    __tablename__ = "search_log"

    id: int | None = Field(default=None, sa_column=sa.Column(_BIGINT, primary_key=True, autoincrement=True))
    term: str = Field(sa_column=sa.Column(sa.String(200), nullable=False))
    region: str | None = Field(default=None, sa_column=sa.Column(sa.String(200), nullable=True))
    user_hash: str | None = Field(default=None, sa_column=sa.Column(sa.String(64), nullable=True))
    had_results: bool = Field(sa_column=sa.Column(sa.Boolean, nullable=False))
    searched_at: datetime = Field(sa_column=sa.Column(sa.DateTime(timezone=True), nullable=False, index=True))


class MetaRow(SearchTable, table=True):
    __tablename__ = "search_meta"

    key: str = Field(sa_column=sa.Column(sa.String(100), primary_key=True))
    value: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
