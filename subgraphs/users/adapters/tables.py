"""The users database tables, in the service's own SQLModel registry (no table is shared with another service)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from gamja.events.outbox import define_outbox

__all__ = ["FailedLoginRow", "ReviewRow", "SaleRow", "UserRow", "UsersTable", "outbox"]


class UsersTable(SQLModel, registry=registry()):
    pass


def _utc_column(*, index: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=False, index=index)


class UserRow(UsersTable, table=True):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email", name="uq_users_email"),
        UniqueConstraint("nickname", name="uq_users_nickname"),
    )

    id: str = Field(primary_key=True, max_length=36)
    email: str = Field(max_length=254)
    nickname: str = Field(max_length=20)
    region: str = Field(max_length=50)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_utc_column())
    updated_at: datetime = Field(sa_column=_utc_column())
    # Tokens carry the generation they were issued in (`gen`); signing out everywhere (or a new password)
    # moves it on, and every verifier refuses the older ones (gamja/auth/revocations.py).
    token_generation: int = Field(default=0)


class FailedLoginRow(UsersTable, table=True):
    """One failed sign-in, filed under each key it counts against (`email:...`, `address:...`)."""

    __tablename__ = "failed_logins"
    __table_args__ = (Index("ix_failed_logins_key_failed_at", "key", "failed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300)
    failed_at: datetime = Field(sa_column=_utc_column())


class SaleRow(UsersTable, table=True):
    """A sale learnt from `items.events`; `version` is the item's, so older events are ignored."""

    __tablename__ = "sales"

    item_id: str = Field(primary_key=True, max_length=64)
    seller_id: str = Field(max_length=36)
    buyer_id: str = Field(max_length=36)
    version: int
    sold: bool


class ReviewRow(UsersTable, table=True):
    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("item_id", "author_id", name="uq_reviews_item_author"),
        Index("ix_reviews_subject_created", "subject_id", "created_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    item_id: str = Field(max_length=64)
    author_id: str = Field(max_length=36)
    subject_id: str = Field(max_length=36)
    side: str = Field(max_length=8)
    rating: int
    comment: str = Field(max_length=500)
    created_at: datetime = Field(sa_column=_utc_column())


# `users.events`, written in the same transaction as the account change it announces.
outbox = define_outbox(UsersTable.metadata)
