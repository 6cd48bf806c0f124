"""Root query fields of the comments subgraph."""

from __future__ import annotations

import strawberry

from subgraphs.comments.graphql import loaders
from subgraphs.comments.graphql.loaders import Info
from subgraphs.comments.graphql.types import Comment

__all__ = ["Query"]


@strawberry.type
class Query:
    @strawberry.field(description="One comment, or null when it, or its item, is gone.")
    async def comment(self, info: Info, id: strawberry.ID) -> Comment | None:
        found = await loaders.comments_by_id(info).load(str(id))
        return Comment.of(found) if found is not None else None
