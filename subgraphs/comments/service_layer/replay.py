"""`gamja reindex|check comments`: the known items rebuilt from, and compared with, the whole `items.events` log."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing

from gamja.db import Database
from gamja.events.envelope import Event, InvalidEvent
from gamja.events.known_items import KnownItem, known_item_from_event
from gamja.events.replay import replay_topic
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import IncomingRecord, Transport
from subgraphs.comments.adapters.repository import CommentRepository

__all__ = ["KNOWN_ITEMS_GROUP", "KnownItemsReplay"]

log = logging.getLogger(__name__)

# The live consumer's group; a replay reads under throw-away groups named after it.
KNOWN_ITEMS_GROUP = "comments-known-items"


def _decode(records: Iterable[IncomingRecord]) -> list[KnownItem]:
    items = []
    for record in records:
        # A replay skips what it cannot read: the live consumer has dead-lettered (or will dead-letter) it.
        try:
            items.append(known_item_from_event(Event.decode(record.value)))
        except (InvalidEvent, KeyError, ValueError, TypeError):
            log.warning("comments replay skipped an unreadable items event")
    return items


class KnownItemsReplay:
    """Reads `items.events` from its first record with a throw-away consumer group (a group that never committed).

    The regular "comments-known-items" group keeps its offset. The log keeps every event (items.events
    has no retention limit), so it is the source of truth for which items exist and in what state.
    """

    def __init__(self, database: Database, transport: Transport) -> None:
        self._database = database
        self._transport = transport

    def _replay(self, purpose: str) -> AsyncGenerator[list[IncomingRecord]]:
        return replay_topic(self._transport, ITEMS_EVENTS, group_prefix=f"{KNOWN_ITEMS_GROUP}.{purpose}")

    async def rebuild(self) -> int:
        """Empty the known items and apply the whole log again, by version; returns the records read.

        One transaction, so readers and comment writers see the old table until the new one is complete.
        The table is emptied before the log is read: whatever the live consumer applied before is in the
        log we replay, and whatever it applies meanwhile waits for this transaction and then lands by version.
        Comments are never touched.
        """
        read = 0
        async with self._database.transaction() as session:
            repository = CommentRepository(session)
            await repository.forget_all_items()
            replay = self._replay("rebuild")
            async with aclosing(replay):
                async for records in replay:
                    for item in _decode(records):
                        await repository.learn_item(item)
                    read += len(records)
        log.info("comments known items rebuilt from %d events", read)
        return read

    async def _latest(self) -> dict[str, KnownItem]:
        latest: dict[str, KnownItem] = {}
        replay = self._replay("check")
        async with aclosing(replay):
            async for records in replay:
                for item in _decode(records):
                    if item.version > (latest[item.id].version if item.id in latest else 0):
                        latest[item.id] = item
        return latest

    async def differences(self) -> list[str]:
        """Known items that disagree with the latest event of their item in the log, and items only one side has.

        A difference right after a change is normal (the consumer has not caught up yet); one that stays
        is what `gamja reindex comments` repairs.
        """
        latest = await self._latest()
        async with self._database.transaction() as session:
            known = await CommentRepository(session).known_items()
        problems = []
        for item_id in sorted(known.keys() - latest.keys()):
            problems.append(f"item {item_id}: known (version {known[item_id].version}) but not in the log")
        for item_id, want in sorted(latest.items()):
            have = known.get(item_id)
            if have is None:
                problems.append(f"item {item_id}: version {want.version} in the log, not known")
                continue
            for field in ("version", "seller_id", "deleted"):
                if getattr(want, field) != getattr(have, field):
                    problems.append(
                        f"item {item_id}: {field} {getattr(want, field)} in the log, {getattr(have, field)} known"
                    )
        return problems
