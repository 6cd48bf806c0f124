"""`ChatMessageSent` on `chat.events`: what one replica tells the others (and itself) about a new message."""

from __future__ import annotations

from dataclasses import dataclass

from gamja.events.envelope import Event
from gamja.utc import format_utc, parse_utc
from subgraphs.chat.domain.model import ChatMessage, ChatRoom

__all__ = ["MESSAGE_SENT", "SentMessage", "message_sent_event", "sent_message_from_event"]

MESSAGE_SENT = "ChatMessageSent"


@dataclass(frozen=True)
class SentMessage:
    """A message with the two people allowed to see it, so a replica can route it without a query."""

    message: ChatMessage
    buyer_id: str
    seller_id: str

    def visible_to(self, user_id: str) -> bool:
        return user_id in (self.buyer_id, self.seller_id)


def message_sent_event(room: ChatRoom, message: ChatMessage, version: int) -> Event:
    """Keyed by room; `version` is the room's message count, so a consumer can tell replays apart."""
    return Event(
        type=MESSAGE_SENT,
        aggregate_id=room.id,
        version=version,
        payload={
            "id": message.id,
            "room_id": room.id,
            "item_id": room.item_id,
            "buyer_id": room.buyer_id,
            "seller_id": room.seller_id,
            "sender_id": message.sender_id,
            "body": message.body,
            "sent_at": format_utc(message.sent_at),
        },
    )


def sent_message_from_event(event: Event) -> SentMessage:
    payload = event.payload
    message = ChatMessage(
        id=str(payload["id"]),
        room_id=str(payload["room_id"]),
        sender_id=str(payload["sender_id"]),
        body=str(payload["body"]),
        sent_at=parse_utc(str(payload["sent_at"])),
    )
    return SentMessage(message, buyer_id=str(payload["buyer_id"]), seller_id=str(payload["seller_id"]))
