"""Writing comments: add, edit and delete, each one transaction that checks the rules first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from gamja.auth.viewer import Viewer
from gamja.db import Database
from gamja.errors import NotFound
from subgraphs.comments.adapters.repository import CommentRepository
from subgraphs.comments.domain.model import (
    Comment,
    KnownItem,
    check_may_delete,
    check_may_edit,
    check_reply_target,
    clean_body,
    require_commentable,
)

__all__ = ["CommentCommands"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CommentCommands:
    def __init__(self, database: Database, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._database = database
        self._clock = clock

    async def add(
        self, viewer: Viewer, item_id: str, body: str, parent_id: str | None = None, *, comment_id: str | None = None
    ) -> Comment:
        text = clean_body(body)
        async with self._database.transaction() as session:
            repo = CommentRepository(session)
            require_commentable(await repo.item(item_id), item_id)
            if parent_id is not None:
                check_reply_target(await repo.comment(parent_id), parent_id, item_id)
            now = self._clock()
            comment = Comment(
                id=comment_id or str(uuid.uuid4()),
                item_id=item_id,
                author_id=viewer.user_id,
                parent_id=parent_id,
                body=text,
                created_at=now,
                updated_at=now,
            )
            await repo.add(comment)
            return comment

    async def edit(self, viewer: Viewer, comment_id: str, body: str) -> Comment:
        text = clean_body(body)
        async with self._database.transaction() as session:
            repo = CommentRepository(session)
            comment, _ = await self._live(repo, comment_id)
            check_may_edit(comment, viewer)
            edited = comment.edited(text, self._clock())
            await repo.save(edited)
            return edited

    async def delete(self, viewer: Viewer, comment_id: str) -> str:
        async with self._database.transaction() as session:
            repo = CommentRepository(session)
            comment, item = await self._live(repo, comment_id)
            check_may_delete(comment, item, viewer)
            await repo.save(comment.deleted(self._clock()))
            return comment.id

    async def _live(self, repo: CommentRepository, comment_id: str) -> tuple[Comment, KnownItem]:
        comment = await repo.comment(comment_id)
        item = await repo.item(comment.item_id) if comment is not None else None
        if comment is None or comment.is_deleted or item is None or item.deleted:
            raise NotFound(f"There is no comment {comment_id!r} (it may have been deleted).", field="id")
        return comment, item
