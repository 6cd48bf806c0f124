"""Mutations of the comments subgraph: every one needs a signed-in user."""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Authenticated

from subgraphs.comments.graphql.loaders import Info
from subgraphs.comments.graphql.types import Comment

__all__ = ["Mutation"]


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Comment on an item, or reply to a top-level comment with `parentId`.", directives=[Authenticated()]
    )
    async def add_comment(
        self, info: Info, item_id: strawberry.ID, body: str, parent_id: strawberry.ID | None = None
    ) -> Comment:
        viewer = info.context.require_viewer()
        commands = info.context.services.commands
        comment = await commands.add(viewer, str(item_id), body, str(parent_id) if parent_id is not None else None)
        return Comment.of(comment)

    @strawberry.mutation(description="Change the text of your own comment.", directives=[Authenticated()])
    async def edit_comment(self, info: Info, id: strawberry.ID, body: str) -> Comment:
        viewer = info.context.require_viewer()
        return Comment.of(await info.context.services.commands.edit(viewer, str(id), body))

    @strawberry.mutation(
        description="Delete a comment: its author, the item's seller or an admin. Returns the comment's id.",
        directives=[Authenticated()],
    )
    async def delete_comment(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        viewer = info.context.require_viewer()
        return strawberry.ID(await info.context.services.commands.delete(viewer, str(id)))
