"""The embedded transport: a durable, append-only log in one SQLite file shared by every local process.

Topics have a single partition (so order is total). Each consumer group keeps its committed offset
per topic, plus a lease so that only one member of a group reads a topic at a time; a member that
dies loses the lease after `lease_seconds` and another member resumes from the committed offset.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import aiosqlite

from gamja.events.transport import IncomingRecord, OutgoingRecord

__all__ = ["LocalLog", "LocalLogSubscription"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    topic TEXT NOT NULL,
    "offset" INTEGER NOT NULL,
    key TEXT,
    value BLOB NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    appended_at REAL NOT NULL,
    PRIMARY KEY (topic, "offset")
);
CREATE TABLE IF NOT EXISTS group_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    committed INTEGER NOT NULL DEFAULT 0,
    owner TEXT,
    lease_expires REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, topic)
);
"""


async def _connect(path: Path) -> aiosqlite.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so appends from several processes
    # serialise on SQLite's write lock instead of failing.
    conn = await aiosqlite.connect(path, isolation_level=None)
    await conn.execute("PRAGMA busy_timeout=10000")
    # Switching a new file to WAL takes an exclusive lock, and SQLite answers "locked" at once (without the
    # busy handler) when another process is switching or writing at that moment: retry until one has won.
    for attempt in range(100):
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:
            if attempt == 99:
                await conn.close()
                raise
            await asyncio.sleep(0.02)
    await conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class LocalLog:
    def __init__(
        self, path: Path, *, poll_interval: float = 0.02, idle_poll_interval: float = 0.1, lease_seconds: float = 10.0
    ) -> None:
        self.path = path
        self.poll_interval = poll_interval
        # An idle consumer slows its polling down to this, so an idle laptop stack does not spin; the first
        # record after a quiet spell waits at most this long.
        self.idle_poll_interval = max(idle_poll_interval, poll_interval)
        self.lease_seconds = lease_seconds
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def _connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            conn = await _connect(self.path)
            await conn.executescript(_SCHEMA)
            self._conn = conn
        return self._conn

    async def publish(self, topic: str, records: Sequence[OutgoingRecord]) -> None:
        if not records:
            return
        async with self._lock:
            conn = await self._connection()
            await conn.execute("BEGIN IMMEDIATE")
            try:
                cursor = await conn.execute(
                    'SELECT COALESCE(MAX("offset") + 1, 0) FROM records WHERE topic = ?', (topic,)
                )
                row = await cursor.fetchone()
                next_offset = int(row[0]) if row else 0
                now = time.time()
                await conn.executemany(
                    'INSERT INTO records (topic, "offset", key, value, headers, appended_at) VALUES (?, ?, ?, ?, ?, ?)',
                    [
                        (topic, next_offset + i, r.key, r.value, json.dumps(dict(r.headers)), now)
                        for i, r in enumerate(records)
                    ],
                )
                await conn.execute("COMMIT")
            except BaseException:
                await conn.execute("ROLLBACK")
                raise

    async def subscribe(
        self, *, group_id: str, topics: Sequence[str], from_latest: bool = False
    ) -> LocalLogSubscription:
        if from_latest:
            await self._start_at_end(group_id, topics)
        return LocalLogSubscription(self, group_id, tuple(topics))

    async def _start_at_end(self, group_id: str, topics: Sequence[str]) -> None:
        """A new group's offsets at the current end of each topic, fixed now (a group that committed keeps its)."""
        async with self._lock:
            conn = await self._connection()
            await conn.execute("BEGIN IMMEDIATE")
            try:
                for topic in topics:
                    await conn.execute(
                        "INSERT INTO group_offsets (group_id, topic, committed) "
                        'SELECT ?, ?, COALESCE(MAX("offset") + 1, 0) FROM records WHERE topic = ? '
                        "ON CONFLICT DO NOTHING",
                        (group_id, topic, topic),
                    )
                await conn.execute("COMMIT")
            except BaseException:
                await conn.execute("ROLLBACK")
                raise

    async def end_offsets(self, topic: str) -> int:
        async with self._lock:
            conn = await self._connection()
            cursor = await conn.execute('SELECT COALESCE(MAX("offset") + 1, 0) FROM records WHERE topic = ?', (topic,))
            row = await cursor.fetchone()
            return int(row[0]) if row else 0

    async def committed(self, group_id: str, topic: str) -> int:
        async with self._lock:
            conn = await self._connection()
            cursor = await conn.execute(
                "SELECT committed FROM group_offsets WHERE group_id = ? AND topic = ?", (group_id, topic)
            )
            row = await cursor.fetchone()
            return int(row[0]) if row else 0

    async def lag(self, group_id: str, topics: Sequence[str]) -> dict[str, int]:
        return {
            topic: max(0, await self.end_offsets(topic) - await self.committed(group_id, topic)) for topic in topics
        }

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None


class LocalLogSubscription:
    def __init__(self, log: LocalLog, group_id: str, topics: tuple[str, ...]) -> None:
        self._log = log
        self._group_id = group_id
        self._topics = topics
        self._member = uuid.uuid4().hex
        # Next offset to hand out per topic while we hold its lease; None = re-read the committed offset.
        self._positions: dict[str, int | None] = dict.fromkeys(topics)
        # When this member's lease on each topic runs out. A lease is renewed only once half of it has gone:
        # renewing on every poll made each idle consumer write to the log fifty times a second.
        self._lease_until: dict[str, float] = dict.fromkeys(topics, 0.0)
        self._idle_delay = log.poll_interval

    async def _claim(self, conn: aiosqlite.Connection, topic: str) -> int | None:
        """Take or renew this member's lease on the topic; the position to read from, or None if taken."""
        now = time.time()
        position = self._positions[topic]
        if position is not None and now < self._lease_until[topic] - self._log.lease_seconds / 2:
            return position
        await conn.execute("BEGIN IMMEDIATE")
        try:
            await conn.execute(
                "INSERT INTO group_offsets (group_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (self._group_id, topic),
            )
            cursor = await conn.execute(
                "UPDATE group_offsets SET owner = ?, lease_expires = ? "
                "WHERE group_id = ? AND topic = ? AND (owner IS NULL OR owner = ? OR lease_expires < ?) "
                "RETURNING committed",
                (self._member, now + self._log.lease_seconds, self._group_id, topic, self._member, now),
            )
            row = await cursor.fetchone()
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        if row is None:
            self._positions[topic] = None
            self._lease_until[topic] = 0.0
            return None
        self._lease_until[topic] = now + self._log.lease_seconds
        if position is None:
            position = int(row[0])
            self._positions[topic] = position
        return position

    async def _fetch(self, max_records: int) -> list[IncomingRecord]:
        out: list[IncomingRecord] = []
        async with self._log._lock:
            conn = await self._log._connection()
            for topic in self._topics:
                if len(out) >= max_records:
                    break
                position = await self._claim(conn, topic)
                if position is None:
                    continue
                cursor = await conn.execute(
                    'SELECT "offset", key, value, headers FROM records WHERE topic = ? AND "offset" >= ? '
                    'ORDER BY "offset" LIMIT ?',
                    (topic, position, max_records - len(out)),
                )
                rows = list(await cursor.fetchall())
                for offset, key, value, headers in rows:
                    out.append(IncomingRecord(topic, 0, int(offset), key, bytes(value), json.loads(headers)))
                if rows:
                    self._positions[topic] = int(rows[-1][0]) + 1
        return out

    async def poll(self, *, max_records: int = 100, timeout: float = 1.0) -> list[IncomingRecord]:
        deadline = time.monotonic() + timeout
        while True:
            records = await self._fetch(max_records)
            if records:
                self._idle_delay = self._log.poll_interval
                return records
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return records
            await asyncio.sleep(min(self._idle_delay, remaining))
            self._idle_delay = min(self._idle_delay * 2, self._log.idle_poll_interval)

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        last: dict[str, int] = {}
        for record in records:
            last[record.topic] = max(last.get(record.topic, -1), record.offset)
        if not last:
            return
        async with self._log._lock:
            conn = await self._log._connection()
            await conn.execute("BEGIN IMMEDIATE")
            try:
                for topic, offset in last.items():
                    await conn.execute(
                        "UPDATE group_offsets SET committed = MAX(committed, ?) "
                        "WHERE group_id = ? AND topic = ? AND owner = ?",
                        (offset + 1, self._group_id, topic, self._member),
                    )
                await conn.execute("COMMIT")
            except BaseException:
                await conn.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        """Give the leases back so another member can take over at once."""
        async with self._log._lock:
            conn = await self._log._connection()
            await conn.execute(
                "UPDATE group_offsets SET owner = NULL, lease_expires = 0 WHERE group_id = ? AND owner = ?",
                (self._group_id, self._member),
            )
