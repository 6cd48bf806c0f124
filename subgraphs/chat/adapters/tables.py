"""The chat database: rooms, messages, read positions, the known items and the outbox of `chat.events`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from gamja.events.outbox import define_outbox

__all__ = ["ChatMessageRow", "ChatReadRow", "ChatRoomRow", "ChatTable", "KnownItemRow", "outbox"]


class ChatTable(SQLModel, registry=registry()):
    pass


class KnownItemRow(ChatTable, table=True):
    """Fed by `items.events` (group `chat-known-items`); `version` makes replays harmless."""

    __tablename__ = "known_items"

    id: str = Field(sa_column=Column(String(64), primary_key=True))
    seller_id: str = Field(sa_column=Column(String(64), nullable=False))
    version: int = Field(nullable=False)
    deleted: bool = Field(nullable=False, default=False)


class ChatRoomRow(ChatTable, table=True):
    __tablename__ = "chat_rooms"
    __table_args__ = (
        # One room per item and buyer: `startChat` twice finds the same room, even when two calls race.
        UniqueConstraint("item_id", "buyer_id", name="uq_chat_rooms_item_buyer"),
        Index("ix_chat_rooms_buyer", "buyer_id", "active_at"),
        Index("ix_chat_rooms_seller", "seller_id", "active_at"),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    item_id: str = Field(sa_column=Column(String(64), nullable=False))
    seller_id: str = Field(sa_column=Column(String(64), nullable=False))
    buyer_id: str = Field(sa_column=Column(String(64), nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    active_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    message_count: int = Field(nullable=False, default=0)


class ChatMessageRow(ChatTable, table=True):
    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_room", "room_id", "sent_at", "id"),)

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    room_id: str = Field(sa_column=Column(String(36), nullable=False))
    sender_id: str = Field(sa_column=Column(String(64), nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
    sent_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ChatReadRow(ChatTable, table=True):
    """How far each participant has read a room: the position of the last message they had seen."""

    __tablename__ = "chat_reads"

    room_id: str = Field(sa_column=Column(String(36), primary_key=True))
    user_id: str = Field(sa_column=Column(String(64), primary_key=True))
    read_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    read_id: str = Field(sa_column=Column(String(36), nullable=False))


outbox = define_outbox(ChatTable.metadata)
