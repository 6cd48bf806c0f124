"""The transactional outbox: events are written in the same transaction as the change they describe."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, Column, DateTime, Integer, MetaData, String, Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from gamja.events.envelope import Event

__all__ = ["append_to_outbox", "define_outbox"]


def define_outbox(metadata: MetaData, name: str = "outbox") -> Table:
    """The outbox table in a service's own write database (so the write and the event commit together)."""
    return Table(
        name,
        metadata,
        # BigInteger autoincrement on PostgreSQL; on SQLite only INTEGER is an alias of the rowid.
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("envelope", JSON, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True, index=True),
    )


async def append_to_outbox(session: AsyncSession, outbox: Table, topic: str, event: Event) -> None:
    # Core statement on the session's own connection: same transaction as the change it describes.
    connection = await session.connection()
    await connection.execute(
        insert(outbox).values(
            event_id=event.event_id,
            topic=topic,
            key=event.aggregate_id,
            envelope=event.to_dict(),
            created_at=datetime.now(UTC),
        )
    )
