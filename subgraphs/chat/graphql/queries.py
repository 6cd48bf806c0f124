"""Root query fields of the chat subgraph: the viewer's own rooms only."""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Authenticated

from gamja.errors import Forbidden
from gamja.subgraph.pagination import PageInfo, decode_cursor, page_size
from subgraphs.chat.graphql import loaders
from subgraphs.chat.graphql.loaders import Info
from subgraphs.chat.graphql.types import ChatRoom, ChatRoomConnection, ChatRoomEdge, room_cursor

__all__ = ["Query"]


@strawberry.type
class Query:
    @strawberry.field(
        description="The viewer's chat rooms, as buyer or seller, most recently active first.",
        directives=[Authenticated()],
    )
    async def chat_rooms(self, info: Info, first: int | None = None, after: str | None = None) -> ChatRoomConnection:
        viewer = info.context.require_viewer()
        size = page_size(first)
        position = decode_cursor("chatroom", after) if after is not None else None
        queries = info.context.services.queries
        page = await queries.rooms_of(viewer.user_id, size, position)
        edges = [ChatRoomEdge(cursor=room_cursor(room), node=ChatRoom.of(room)) for room in page[:size]]
        return ChatRoomConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=len(page) > size, end_cursor=edges[-1].cursor if edges else None),
            total_count=await queries.room_counts(viewer.user_id),
        )

    @strawberry.field(
        description="One of the viewer's rooms; null when there is no such room.", directives=[Authenticated()]
    )
    async def chat_room(self, info: Info, id: strawberry.ID) -> ChatRoom | None:
        viewer = info.context.require_viewer()
        room = await loaders.rooms_by_id(info).load(str(id))
        if room is None:
            return None
        if not room.has_participant(viewer.user_id):
            raise Forbidden("Only the buyer and the seller of this chat may read it.")
        return ChatRoom.of(room)
