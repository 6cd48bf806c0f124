"""Tables of the read store (a separate database with its own SQLModel registry)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

__all__ = ["ItemViewCountRow", "ItemViewerRow", "ReadItemRow", "ReadLikeRow", "ReadTables"]


class ReadTables(SQLModel, registry=registry()):
    pass


def _utc(nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(sa.DateTime(timezone=True), nullable=nullable)


class ReadItemRow(ReadTables, table=True):
    """The projection of the latest event applied per item; deleted items stay as tombstones holding their version."""

    __tablename__ = "read_items"
    __table_args__ = (sa.Index("ix_read_items_newest", "deleted", "bumped_at", "id"),)

    id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    title: str = Field(sa_column=sa.Column(sa.String(100), nullable=False))
    description: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    price: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    category: str = Field(sa_column=sa.Column(sa.String(50), nullable=False))
    region: str = Field(sa_column=sa.Column(sa.String(100), nullable=False))
    status: str = Field(sa_column=sa.Column(sa.String(20), nullable=False))
    seller_id: str = Field(sa_column=sa.Column(sa.String(36), nullable=False, index=True))
    buyer_id: str | None = Field(default=None, sa_column=sa.Column(sa.String(36), nullable=True, index=True))
    sold_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())
    bumped_at: datetime = Field(sa_column=_utc())
    deleted: bool = Field(sa_column=sa.Column(sa.Boolean, nullable=False))
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class ReadLikeRow(ReadTables, table=True):
    __tablename__ = "read_likes"

    item_id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    user_id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True, index=True))
    position: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class ItemViewCountRow(ReadTables, table=True):
    """View counters. Not item state: no event carries them and a reindex leaves them alone."""

    __tablename__ = "item_view_counts"

    item_id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    count: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class ItemViewerRow(ReadTables, table=True):
    """When each viewer's view of an item last counted, so one viewer adds at most one view per hour."""

    __tablename__ = "item_viewers"

    item_id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    viewer: str = Field(sa_column=sa.Column(sa.String(100), primary_key=True))
    counted_at: datetime = Field(sa_column=_utc())
