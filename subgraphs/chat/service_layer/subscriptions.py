"""`chatMessageSent`: who may listen to what, and the switch from missed messages to live ones without a gap."""

from __future__ import annotations

from collections.abc import AsyncIterator

from gamja.auth.viewer import Viewer
from gamja.db import Database
from gamja.errors import BadUserInput
from subgraphs.chat.adapters.queries import ChatQueries
from subgraphs.chat.adapters.repository import ChatRepository
from subgraphs.chat.domain.model import ChatMessage, Position, require_participant
from subgraphs.chat.service_layer.events import SentMessage
from subgraphs.chat.service_layer.live import LiveMessages

__all__ = ["ChatSubscriptions"]

CATCH_UP_BATCH = 200


class ChatSubscriptions:
    def __init__(self, database: Database, queries: ChatQueries, live: LiveMessages) -> None:
        self._database = database
        self._queries = queries
        self._live = live

    async def open(self, viewer: Viewer, room_id: str | None, after_id: str | None) -> AsyncIterator[ChatMessage]:
        """Check access now (so a stranger is refused before any event), then stream.

        `room_id`: one room the viewer takes part in; None: every room of the viewer, now and later.
        `after_id`: the last message the subscriber saw; what came after it is sent first.
        """
        async with self._database.session() as session:
            repo = ChatRepository(session)
            if room_id is not None:
                require_participant(await repo.room(room_id), room_id, viewer)
            after = None
            if after_id is not None:
                seen = await repo.message(after_id)
                room = await repo.room(seen.room_id) if seen is not None else None
                if seen is None or room is None or not room.has_participant(viewer.user_id):
                    raise BadUserInput(f"There is no message {after_id!r} in your chats.", field="after")
                if room_id is not None and seen.room_id != room_id:
                    raise BadUserInput("`after` must be a message of the room you subscribe to.", field="after")
                after = seen.position
        return self._stream(viewer, room_id, after)

    async def _stream(self, viewer: Viewer, room_id: str | None, after: Position | None) -> AsyncIterator[ChatMessage]:
        def accepts(sent: SentMessage) -> bool:
            if room_id is not None:
                return sent.message.room_id == room_id
            return sent.visible_to(viewer.user_id)

        with self._live.listen(accepts) as listener:
            replayed: set[str] = set()
            while after is not None:
                missed = await self._queries.messages_after(viewer.user_id, room_id, after, CATCH_UP_BATCH)
                for message in missed:
                    replayed.add(message.id)
                    yield message
                after = missed[-1].position if len(missed) == CATCH_UP_BATCH else None
            async for sent in listener:
                # The live queue was open during the catch-up: what both saw is sent once.
                if sent.message.id not in replayed:
                    yield sent.message
