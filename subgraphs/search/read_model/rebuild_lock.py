"""One rebuild of a search index at a time, across every process that shares it.

Two replicas that start on an index made by another tokenizer would otherwise both rebuild it aside: the second
drops the aside tables the first is filling, and the first's swap finds them gone. The lock is held for the
whole rebuild and dies with its holder, so a replica that is killed mid-rebuild never blocks the next one:
- PostgreSQL: a session-level advisory lock on a connection kept for the rebuild;
- SQLite: `flock` on a file beside the database (an in-memory database has one process: a process-local lock);
- Elasticsearch: see `elastic_rebuild_lock`, a lease document.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import weakref
from collections.abc import AsyncIterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from gamja.db import Database

__all__ = ["sql_rebuild_lock"]

# pg_advisory_lock takes a bigint: "gamja-search-rebuild" folded to one, the same in every process.
_ADVISORY_KEY = int.from_bytes(b"gsrebld", "big")
_memory_locks: weakref.WeakKeyDictionary[Database, asyncio.Lock] = weakref.WeakKeyDictionary()


@contextlib.asynccontextmanager
async def sql_rebuild_lock(database: Database) -> AsyncIterator[None]:
    """Wait until no other rebuild of this database runs, then hold the lock until the block ends."""
    if not database.is_sqlite:
        async with database.engine.connect() as conn:
            await conn.execute(sa.select(sa.func.pg_advisory_lock(_ADVISORY_KEY)))
            await conn.commit()  # the lock is the session's, not the transaction's: end the transaction it ran in
            try:
                yield
            finally:
                await conn.execute(sa.select(sa.func.pg_advisory_unlock(_ADVISORY_KEY)))
                await conn.commit()
        return
    path = make_url(database.url).database
    if not path or path == ":memory:":
        async with _memory_locks.setdefault(database, asyncio.Lock()):
            yield
        return
    descriptor = os.open(Path(f"{path}.rebuild-lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        # flock blocks until the other holder is done: off the event loop.
        await asyncio.to_thread(fcntl.flock, descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock
