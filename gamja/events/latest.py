"""The latest version of each key in a replayed topic, kept in a temporary SQLite file instead of memory.

A check compares a read side with the whole log: it needs the newest record of every key, and the log is
ordered by time, not by key. Kept in a dict that is every item in memory at once; kept here, a check reads
the log once into the file, then walks it in key order a page at a time, next to the read side's own pages.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

__all__ = ["LatestPerKey"]

Row = tuple[str, int, str]  # key, version, value (what the caller needs to compare, as text)


class LatestPerKey:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    @classmethod
    @asynccontextmanager
    async def opened(cls) -> AsyncIterator[LatestPerKey]:
        directory = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="gamja-latest-"))
        try:
            connection = await aiosqlite.connect(directory / "latest.db")
            try:
                # Scratch data: nothing to recover after a crash.
                await connection.execute("PRAGMA journal_mode=OFF")
                await connection.execute("PRAGMA synchronous=OFF")
                await connection.execute(
                    "CREATE TABLE latest (key TEXT PRIMARY KEY, version INTEGER NOT NULL, value TEXT NOT NULL)"
                    " WITHOUT ROWID"
                )
                yield cls(connection)
            finally:
                await connection.close()
        finally:
            await asyncio.to_thread(shutil.rmtree, directory, True)

    async def add(self, rows: Sequence[Row]) -> None:
        """Keep each row unless a same or newer version of its key is there already."""
        await self._connection.executemany(
            "INSERT INTO latest VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET version = excluded.version, value = excluded.value WHERE excluded.version > latest.version",
            rows,
        )
        await self._connection.commit()

    async def pages(self, size: int = 1000) -> AsyncIterator[list[Row]]:
        """Every key's latest row, in key order, `size` at a time."""
        after = ""
        while True:
            cursor = await self._connection.execute(
                "SELECT key, version, value FROM latest WHERE key > ? ORDER BY key LIMIT ?", (after, size)
            )
            page = [(str(key), int(version), str(value)) for key, version, value in await cursor.fetchall()]
            if not page:
                return
            yield page
            after = page[-1][0]
