"""Conversions between table rows and domain objects (UTC everywhere, whatever the driver returns)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from gamja.utc import as_utc
from subgraphs.comments.adapters.tables import CommentRow, CommentsTable, KnownItemRow
from subgraphs.comments.domain.model import Comment, KnownItem

__all__ = ["COMMENTS", "KNOWN_ITEMS", "comment_from_mapping", "comment_values", "known_item_from_row"]

COMMENTS: Table = CommentsTable.metadata.tables[CommentRow.__tablename__]
KNOWN_ITEMS: Table = CommentsTable.metadata.tables[KnownItemRow.__tablename__]


def comment_from_mapping(row: Mapping[Any, Any]) -> Comment:
    deleted_at = row["deleted_at"]
    return Comment(
        id=row["id"],
        item_id=row["item_id"],
        author_id=row["author_id"],
        parent_id=row["parent_id"],
        body=row["body"],
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        deleted_at=as_utc(deleted_at) if deleted_at is not None else None,
    )


def comment_values(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "item_id": comment.item_id,
        "author_id": comment.author_id,
        "parent_id": comment.parent_id,
        "body": comment.body,
        "created_at": comment.created_at,
        "updated_at": comment.updated_at,
        "deleted_at": comment.deleted_at,
    }


def known_item_from_row(row: Mapping[Any, Any]) -> KnownItem:
    return KnownItem(id=row["id"], seller_id=row["seller_id"], version=row["version"], deleted=bool(row["deleted"]))
