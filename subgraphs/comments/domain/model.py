"""Comments and the items they hang on, with the rules of who may write, reply, edit and delete."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from gamja.auth.viewer import Viewer
from gamja.errors import BadUserInput, Forbidden, NotFound
from gamja.events.known_items import KnownItem
from gamja.text import clean_text

__all__ = [
    "DELETED_BODY",
    "MAX_BODY_LENGTH",
    "Comment",
    "KnownItem",
    "check_may_delete",
    "check_may_edit",
    "check_reply_target",
    "clean_body",
    "require_commentable",
]

MAX_BODY_LENGTH = 1000
# What a reader sees in place of a deleted comment that still has replies, so the thread keeps its shape.
DELETED_BODY = "deleted comment"


@dataclass(frozen=True)
class Comment:
    id: str
    item_id: str
    author_id: str
    parent_id: str | None
    body: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def visible_body(self) -> str:
        return DELETED_BODY if self.is_deleted else self.body

    def edited(self, body: str, now: datetime) -> Comment:
        return replace(self, body=body, updated_at=now)

    def deleted(self, now: datetime) -> Comment:
        return replace(self, deleted_at=now, updated_at=now)


def clean_body(body: str) -> str:
    """The body as stored: trimmed, 1 to 1,000 characters."""
    cleaned = clean_text(body, field="body", multiline=True)
    if not cleaned:
        raise BadUserInput("Write something: a comment cannot be empty.", field="body")
    if len(cleaned) > MAX_BODY_LENGTH:
        raise BadUserInput(
            f"A comment can be at most {MAX_BODY_LENGTH:,} characters; this one has {len(cleaned):,}.", field="body"
        )
    return cleaned


def require_commentable(item: KnownItem | None, item_id: str) -> KnownItem:
    if item is None or item.deleted:
        raise NotFound(f"There is no item {item_id!r} (it may have been deleted).", field="itemId")
    return item


def check_reply_target(parent: Comment | None, parent_id: str, item_id: str) -> None:
    """Replies go one level deep, under a live comment of the same item."""
    if parent is None or parent.is_deleted:
        raise NotFound(f"There is no comment {parent_id!r} to reply to (it may have been deleted).", field="parentId")
    if parent.item_id != item_id:
        raise BadUserInput("A reply must be on the same item as the comment it answers.", field="parentId")
    if parent.is_reply:
        raise BadUserInput(
            "Replies go one level deep: answer the original comment instead of a reply.", field="parentId"
        )


def check_may_edit(comment: Comment, viewer: Viewer) -> None:
    if comment.author_id != viewer.user_id:
        raise Forbidden("Only the author may edit a comment.")


def check_may_delete(comment: Comment, item: KnownItem, viewer: Viewer) -> None:
    """The author, an admin, or the seller of the item (who moderates the conversation on a listing)."""
    if viewer.may_act_for(comment.author_id) or viewer.user_id == item.seller_id:
        return
    raise Forbidden("Only the author, the item's seller or an admin may delete a comment.")
