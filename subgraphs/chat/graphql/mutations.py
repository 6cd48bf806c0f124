"""Mutations of the chat subgraph: every one needs a signed-in user, who is always the one acting."""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Authenticated

from subgraphs.chat.graphql.loaders import Info
from subgraphs.chat.graphql.types import ChatMessage, ChatRoom

__all__ = ["Mutation"]


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Open a chat with the item's seller, as its buyer; the same room if it exists.",
        directives=[Authenticated()],
    )
    async def start_chat(self, info: Info, item_id: strawberry.ID) -> ChatRoom:
        viewer = info.context.require_viewer()
        return ChatRoom.of(await info.context.services.commands.start(viewer, str(item_id)))

    @strawberry.mutation(
        description="Send a message in one of your rooms (not once its item was deleted).", directives=[Authenticated()]
    )
    async def send_chat_message(self, info: Info, room_id: strawberry.ID, body: str) -> ChatMessage:
        viewer = info.context.require_viewer()
        return ChatMessage.of(await info.context.services.commands.send(viewer, str(room_id), body))

    @strawberry.mutation(description="Mark everything in the room as read by you.", directives=[Authenticated()])
    async def mark_chat_read(self, info: Info, room_id: strawberry.ID) -> ChatRoom:
        viewer = info.context.require_viewer()
        return ChatRoom.of(await info.context.services.commands.mark_read(viewer, str(room_id)))
