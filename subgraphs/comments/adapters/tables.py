"""The comments database: comments and the service's own record of the items it has heard of."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, String, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

__all__ = ["CommentRow", "CommentsTable", "KnownItemRow"]


class CommentsTable(SQLModel, registry=registry()):
    pass


class KnownItemRow(CommentsTable, table=True):
    """Fed by `items.events` (group `comments-known-items`); `version` makes replays harmless."""

    __tablename__ = "known_items"

    id: str = Field(sa_column=Column(String(64), primary_key=True))
    seller_id: str = Field(sa_column=Column(String(64), nullable=False))
    version: int = Field(nullable=False)
    deleted: bool = Field(nullable=False, default=False)


class CommentRow(CommentsTable, table=True):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_item_thread", "item_id", "parent_id", "created_at"),
        Index("ix_comments_parent", "parent_id"),
        Index("ix_comments_author", "author_id", "created_at"),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    item_id: str = Field(sa_column=Column(String(64), nullable=False))
    author_id: str = Field(sa_column=Column(String(64), nullable=False))
    parent_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True))
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    deleted_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
