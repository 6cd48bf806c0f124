"""Tables of the items write DB (its own SQLModel registry) and its outbox."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from gamja.events.outbox import define_outbox

__all__ = ["ItemLikeRow", "ItemRow", "KnownUserRow", "SaleRow", "WriteTables", "outbox"]


class WriteTables(SQLModel, registry=registry()):
    pass


def _utc(nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(sa.DateTime(timezone=True), nullable=nullable)


class ItemRow(WriteTables, table=True):
    __tablename__ = "items"

    id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    title: str = Field(sa_column=sa.Column(sa.String(100), nullable=False))
    description: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    price: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    category: str = Field(sa_column=sa.Column(sa.String(50), nullable=False))
    region: str = Field(sa_column=sa.Column(sa.String(100), nullable=False))
    status: str = Field(sa_column=sa.Column(sa.String(20), nullable=False))
    seller_id: str = Field(sa_column=sa.Column(sa.String(36), nullable=False, index=True))
    buyer_id: str | None = Field(default=None, sa_column=sa.Column(sa.String(36), nullable=True))
    sold_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())
    bumped_at: datetime = Field(sa_column=_utc())
    deleted: bool = Field(sa_column=sa.Column(sa.Boolean, nullable=False))
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class ItemLikeRow(WriteTables, table=True):
    __tablename__ = "item_likes"

    item_id: str = Field(sa_column=sa.Column(sa.String(36), sa.ForeignKey("items.id"), primary_key=True))
    user_id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    # Order of `liked_by` in the event payload.
    position: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class SaleRow(WriteTables, table=True):
    __tablename__ = "sales"

    item_id: str = Field(sa_column=sa.Column(sa.String(36), sa.ForeignKey("items.id"), primary_key=True))
    seller_id: str = Field(sa_column=sa.Column(sa.String(36), nullable=False, index=True))
    buyer_id: str | None = Field(default=None, sa_column=sa.Column(sa.String(36), nullable=True, index=True))
    price: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    sold_at: datetime = Field(sa_column=_utc())


class KnownUserRow(WriteTables, table=True):
    """An account learnt from `users.events` (items never reads the users database): a buyer must be one."""

    __tablename__ = "known_users"

    id: str = Field(sa_column=sa.Column(sa.String(36), primary_key=True))
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


outbox = define_outbox(WriteTables.metadata)
