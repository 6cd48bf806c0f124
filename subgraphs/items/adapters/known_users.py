"""The accounts items knows of, learnt from `users.events`: a sale's buyer must be one of them.

Items never reads the users database (each service owns its own); it keeps the ids the users service
announces, in its write database so that `changeItemStatus(SOLD)` checks the buyer in its own transaction.
A user who signed up a moment ago may not be known yet (the event's way through the relay and the consumer,
normally milliseconds); the refusal says to try again.
"""

from __future__ import annotations

from collections.abc import Iterable

from gamja.db import Database
from gamja.events.envelope import Event
from subgraphs.items.adapters.tables import KnownUserRow

__all__ = ["KNOWN_USERS_GROUP", "KnownUsersProjector"]

KNOWN_USERS_GROUP = "items-known-users"


class KnownUsersProjector:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def __call__(self, event: Event) -> None:
        """Idempotent by version: an older or equal one changes nothing (every users event names an account)."""
        async with self._database.transaction() as session:
            row = await session.get(KnownUserRow, event.aggregate_id)
            if row is None:
                session.add(KnownUserRow(id=event.aggregate_id, version=event.version))
            elif event.version > row.version:
                row.version = event.version
                session.add(row)

    async def know(self, user_ids: Iterable[str]) -> None:
        """Accounts known by other means (the demo people every seed agrees on), at version 0 so that any event
        about them still applies."""
        async with self._database.transaction() as session:
            for user_id in user_ids:
                if await session.get(KnownUserRow, user_id) is None:
                    session.add(KnownUserRow(id=user_id, version=0))
