"""Conversions between table rows and domain objects (UTC everywhere, whatever the driver returns)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from gamja.utc import as_utc
from subgraphs.chat.adapters.tables import ChatMessageRow, ChatReadRow, ChatRoomRow, ChatTable, KnownItemRow
from subgraphs.chat.domain.model import ChatMessage, ChatRoom, KnownItem

__all__ = [
    "KNOWN_ITEMS",
    "MESSAGES",
    "READS",
    "ROOMS",
    "known_item_from_row",
    "message_from_row",
    "room_from_row",
]

KNOWN_ITEMS: Table = ChatTable.metadata.tables[KnownItemRow.__tablename__]
ROOMS: Table = ChatTable.metadata.tables[ChatRoomRow.__tablename__]
MESSAGES: Table = ChatTable.metadata.tables[ChatMessageRow.__tablename__]
READS: Table = ChatTable.metadata.tables[ChatReadRow.__tablename__]


def known_item_from_row(row: Mapping[Any, Any]) -> KnownItem:
    return KnownItem(id=row["id"], seller_id=row["seller_id"], version=row["version"], deleted=bool(row["deleted"]))


def room_from_row(row: Mapping[Any, Any]) -> ChatRoom:
    return ChatRoom(
        id=row["id"],
        item_id=row["item_id"],
        seller_id=row["seller_id"],
        buyer_id=row["buyer_id"],
        created_at=as_utc(row["created_at"]),
        active_at=as_utc(row["active_at"]),
        message_count=int(row["message_count"]),
    )


def message_from_row(row: Mapping[Any, Any]) -> ChatMessage:
    return ChatMessage(
        id=row["id"],
        room_id=row["room_id"],
        sender_id=row["sender_id"],
        body=row["body"],
        sent_at=as_utc(row["sent_at"]),
    )
