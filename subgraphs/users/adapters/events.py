"""Writes `users.events` to the outbox, in the transaction of the change they announce."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from gamja.events.envelope import Event
from gamja.events.outbox import append_to_outbox
from gamja.events.topics import USERS_EVENTS
from subgraphs.users.adapters.tables import outbox

__all__ = ["append_user_event"]


async def append_user_event(session: AsyncSession, event: Event) -> None:
    await append_to_outbox(session, outbox, USERS_EVENTS, event)
