"""The subscription root of the chat subgraph, served over graphql-transport-ws."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from subgraphs.chat.graphql.loaders import Info
from subgraphs.chat.graphql.types import ChatMessage

__all__ = ["Subscription"]


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="New messages in one of your rooms, or with no `roomId` in every room of yours. With "
        "`after` (the id of the last message you saw) the messages you missed come first."
    )
    async def chat_message_sent(
        self, info: Info, room_id: strawberry.ID | None = None, after: strawberry.ID | None = None
    ) -> AsyncGenerator[ChatMessage, None]:
        viewer = info.context.require_viewer()
        stream = await info.context.services.subscriptions.open(
            viewer, str(room_id) if room_id is not None else None, str(after) if after is not None else None
        )
        async for message in stream:
            yield ChatMessage.of(message)
