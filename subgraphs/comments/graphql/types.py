"""The GraphQL types of comments, and the fields comments contributes to the `Item` and `User` entities."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import strawberry

from gamja.subgraph.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from subgraphs.comments.adapters.queries import Position
from subgraphs.comments.domain import model
from subgraphs.comments.graphql import loaders
from subgraphs.comments.graphql.loaders import Info

__all__ = ["Comment", "CommentConnection", "CommentEdge", "Item", "User"]

# Both comment lists are keyset-paged on (created_at, id).
_COMMENTS = "comment"


def _position(after: str | None) -> Position | None:
    if after is None:
        return None
    created_at, comment_id = decode_cursor(_COMMENTS, after)
    return Position(created_at=created_at, id=comment_id)


@strawberry.federation.type(keys=["id"])
class User:
    id: strawberry.ID

    @strawberry.field(description="The user's live comments on items that still exist, newest first.")
    async def comments(self, info: Info, first: int | None = None, after: str | None = None) -> CommentConnection:
        size, position = page_size(first), _position(after)
        page = await loaders.author_pages(info, size, position).load(str(self.id))
        return CommentConnection.of(page, size, lambda: loaders.author_counts(info).load(str(self.id)))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> User:
        return cls(id=id)


@strawberry.federation.type(keys=["id"])
class Item:
    id: strawberry.ID

    # Item's fields from comments are nullable (the public contract): when comments is down the router
    # nulls just these fields, and an item list still shows every item.
    @strawberry.field(
        description="Conversation threads on the item, oldest first; replies are nested under `Comment.replies`."
    )
    async def comments(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CommentConnection | None:
        size, position = page_size(first), _position(after)
        page = await loaders.thread_pages(info, size, position).load(str(self.id))
        return CommentConnection.of(page, size, lambda: loaders.thread_counts(info).load(str(self.id)))

    @strawberry.field(description="Live comments and replies on the item (deleted ones are not counted).")
    async def comment_count(self, info: Info) -> int | None:
        return await loaders.comment_counts(info).load(str(self.id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> Item:
        return cls(id=id)


@strawberry.federation.type(keys=["id"])
class Comment:
    id: strawberry.ID
    body: str = strawberry.field(description='The text, or "deleted comment" for a placeholder kept for its replies.')
    created_at: datetime
    updated_at: datetime
    is_deleted: bool = strawberry.field(description="True for a deleted comment kept as a placeholder for its replies.")
    parent_id: strawberry.ID | None = strawberry.field(description="The comment this one replies to, if any.")
    author_id: strawberry.Private[str]
    item_id: strawberry.Private[str]

    @classmethod
    def of(cls, comment: model.Comment) -> Comment:
        return cls(
            id=strawberry.ID(comment.id),
            body=comment.visible_body(),
            created_at=comment.created_at,
            updated_at=comment.updated_at,
            is_deleted=comment.is_deleted,
            parent_id=strawberry.ID(comment.parent_id) if comment.parent_id else None,
            author_id=comment.author_id,
            item_id=comment.item_id,
        )

    @strawberry.field
    def author(self) -> User:
        return User(id=strawberry.ID(self.author_id))

    @strawberry.field
    def item(self) -> Item:
        return Item(id=strawberry.ID(self.item_id))

    @strawberry.field(description="Live replies, oldest first (replies go one level deep).")
    async def replies(self, info: Info) -> list[Comment]:
        if self.parent_id is not None:
            return []
        return [Comment.of(reply) for reply in await loaders.replies(info).load(str(self.id))]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> Comment | None:
        found = await loaders.comments_by_id(info).load(str(id))
        return cls.of(found) if found is not None else None


@strawberry.type
class CommentEdge:
    cursor: str
    node: Comment


@strawberry.type
class CommentConnection:
    edges: list[CommentEdge]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @classmethod
    def of(cls, page: list[model.Comment], size: int, count: Callable[[], Awaitable[int]]) -> CommentConnection:
        shown = page[:size]
        edges = [
            CommentEdge(cursor=encode_cursor(_COMMENTS, comment.created_at, comment.id), node=Comment.of(comment))
            for comment in shown
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(has_next_page=len(page) > size, end_cursor=edges[-1].cursor if edges else None),
            count=count,
        )

    @strawberry.field(description="How many entries the whole connection has, across all pages.")
    async def total_count(self) -> int:
        return await self.count()
