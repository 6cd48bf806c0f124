"""Publishes outbox rows to the transport, oldest first, and marks them published."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, Text, select, type_coerce, update

from gamja.backoff import Backoff
from gamja.db import Database
from gamja.events.consumer import dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.poison import refused
from gamja.events.transport import OutgoingRecord, Transport

__all__ = ["OutboxRelay"]

log = logging.getLogger(__name__)


class OutboxRelay:
    """At-least-once: a crash after publishing but before marking re-publishes; consumers dedupe by version."""

    def __init__(
        self,
        database: Database,
        outbox: Table,
        transport: Transport,
        *,
        batch_size: int = 200,
        poll_interval: float = 0.05,
    ) -> None:
        self._database = database
        self._outbox = outbox
        self._transport = transport
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._wake = asyncio.Event()

    def notify(self) -> None:
        """Called after a commit that wrote outbox rows, so they go out without waiting for the next poll."""
        self._wake.set()

    async def publish_pending(self) -> int:
        """Publish one batch; returns how many rows went out."""
        table = self._outbox
        async with self._database.transaction() as session:
            query = (
                # The envelope as the stored text: a row that is not JSON must reach `_record`, not fail the fetch.
                select(table.c.id, table.c.topic, table.c.key, type_coerce(table.c.envelope, Text).label("envelope"))
                .where(table.c.published_at.is_(None))
                .order_by(table.c.id)
                .limit(self._batch_size)
            )
            if not self._database.is_sqlite:
                # Several relay replicas may run; each row goes to exactly one of them per attempt.
                query = query.with_for_update(skip_locked=True)
            connection = await session.connection()
            rows = (await connection.execute(query)).all()
            if not rows:
                return 0
            by_topic: dict[str, list[OutgoingRecord]] = {}
            for row in rows:
                try:
                    record = _record(row.key, row.envelope)
                except ValueError as exc:
                    # A row no consumer could read must not hold back every row after it: it goes to the
                    # topic's dead letter as it is, with the reason, and is marked published with the others.
                    refused("outbox relay", "undecodable", f"outbox row {row.id}: {exc}")
                    by_topic.setdefault(dead_letter_topic(row.topic), []).append(_dead_record(row, exc))
                    continue
                by_topic.setdefault(row.topic, []).append(record)
            for topic, records in by_topic.items():
                await self._transport.publish(topic, records)
            await connection.execute(
                update(table).where(table.c.id.in_([row.id for row in rows])).values(published_at=datetime.now(UTC))
            )
            return len(rows)

    async def drain(self) -> int:
        total = 0
        while published := await self.publish_pending():
            total += published
        return total

    async def run(self, stop: asyncio.Event) -> None:
        # An unreachable broker or database is retried ever more slowly, one traceback per outage.
        backoff = Backoff(initial=min(1.0, self._poll_interval * 10), cap=30.0)
        while not stop.is_set():
            try:
                published = await self.publish_pending()
            except Exception:
                delay = backoff.failed()
                log.warning("outbox relay failed; retrying in %.1fs", delay, exc_info=backoff.first_failure)
                published = 0
                await asyncio.sleep(delay)
            else:
                backoff.succeeded()
            if published:
                continue
            self._wake.clear()
            stop_wait = asyncio.ensure_future(stop.wait())
            wake_wait = asyncio.ensure_future(self._wake.wait())
            await asyncio.wait({stop_wait, wake_wait}, timeout=self._poll_interval, return_when=asyncio.FIRST_COMPLETED)
            stop_wait.cancel()
            wake_wait.cancel()


def _record(key: str, stored: object) -> OutgoingRecord:
    """The record to publish for an outbox row; ValueError when the stored envelope cannot become one."""
    envelope = stored if isinstance(stored, dict) else json.loads(stored) if isinstance(stored, str | bytes) else None
    if not isinstance(envelope, dict):
        raise ValueError(f"the envelope is not a JSON object: {type(stored).__name__}")
    Event.from_dict(envelope)  # InvalidEvent is a ValueError
    # A lone surrogate cannot be UTF-8: UnicodeEncodeError is a ValueError too.
    value = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
    return OutgoingRecord(key=key, value=value, headers={"type": str(envelope.get("type", ""))})


def _dead_record(row: Any, exc: Exception) -> OutgoingRecord:
    raw = row.envelope if isinstance(row.envelope, str) else repr(row.envelope)
    return OutgoingRecord(
        key=str(row.key),
        value=raw.encode("utf-8", errors="backslashreplace"),
        headers={"error": f"{type(exc).__name__}: {exc}"[:2000], "source_topic": row.topic, "outbox_id": str(row.id)},
    )
