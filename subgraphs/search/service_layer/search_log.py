"""Buffers search-log entries so a search never waits on a write; flushed in batches by a worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from subgraphs.search.domain.model import SearchLogEntry
from subgraphs.search.read_model.index import SearchIndex

__all__ = ["SearchLogBuffer"]

log = logging.getLogger(__name__)


class SearchLogBuffer:
    """At most `flush_interval` behind; reads of the log in this process flush first (read your own searches)."""

    def __init__(self, index: SearchIndex, *, flush_interval: float = 0.5, max_pending: int = 50_000) -> None:
        self._index = index
        self._flush_interval = flush_interval
        self._max_pending = max_pending
        self._pending: list[SearchLogEntry] = []
        self._lock = asyncio.Lock()

    def add(self, entry: SearchLogEntry) -> None:
        if len(self._pending) >= self._max_pending:
            # The store is unreachable for a long while: popularity is best effort, memory is not.
            del self._pending[: len(self._pending) // 10 or 1]
        self._pending.append(entry)

    async def flush(self) -> int:
        async with self._lock:
            entries, self._pending = self._pending, []
            if not entries:
                return 0
            try:
                await self._index.record_searches(entries)
            except BaseException:
                self._pending[:0] = entries
                raise
            return len(entries)

    async def close(self) -> None:
        await self.flush()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._flush_interval)
            try:
                await self.flush()
            except Exception:
                log.exception("could not write the search log; keeping %d entries for the next try", len(self._pending))
