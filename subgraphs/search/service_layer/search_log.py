"""Buffers search-log entries so a search never waits on a write; flushed in batches by a worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from gamja.backoff import Backoff
from gamja.events.poison import refused
from subgraphs.search.domain.model import SearchLogEntry
from subgraphs.search.read_model.index import SearchIndex

__all__ = ["SearchLogBuffer"]

log = logging.getLogger(__name__)


def _unwritable(entry: SearchLogEntry) -> str | None:
    """Why no store could keep this entry (it would fail every batch it is in), else None."""
    for name, text in (("term", entry.term), ("region", entry.region or "")):
        if "\x00" in text:
            return f"{name} contains NUL"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return f"{name} is not valid Unicode"
    return None


class SearchLogBuffer:
    """At most `flush_interval` behind; reads of the log in this process flush first (read your own searches).

    One bad entry never wedges the log: it is dropped with a logged reason and counted in `dropped` (and in
    `gamja_events_poison_total{loop="search log writer"}`), and the entries around it are written. Only a
    store that refuses everything keeps entries for a retry, with exponential backoff.
    """

    def __init__(
        self,
        index: SearchIndex,
        *,
        flush_interval: float = 0.5,
        max_pending: int = 50_000,
        backoff: Backoff | None = None,
    ) -> None:
        self._index = index
        self._flush_interval = flush_interval
        self._max_pending = max_pending
        self._pending: list[SearchLogEntry] = []
        self._lock = asyncio.Lock()
        self._backoff = backoff or Backoff(initial=flush_interval, cap=30.0)
        self.dropped = 0

    def add(self, entry: SearchLogEntry) -> None:
        if (reason := _unwritable(entry)) is not None:
            self._drop("unwritable", reason)
            return
        if len(self._pending) >= self._max_pending:
            # The store is unreachable for a long while: popularity is best effort, memory is not.
            del self._pending[: len(self._pending) // 10 or 1]
        self._pending.append(entry)

    def _drop(self, label: str, reason: str) -> None:
        self.dropped += 1
        refused("search log writer", label, f"{reason} ({self.dropped} dropped so far)", where="dropped")

    async def flush(self) -> int:
        async with self._lock:
            entries, self._pending = self._pending, []
            if not entries:
                return 0
            try:
                await self._index.record_searches(entries)
            except Exception:
                written = await self._write_one_by_one(entries)
                if not written:
                    # Nothing at all could be written: the store is down, not the entries bad. Keep them.
                    self._pending[:0] = entries
                    raise
                return written
            return len(entries)

    async def flush_for_read(self) -> None:
        """Read your own searches when the store takes writes; a failing store must not fail the read too."""
        try:
            await self.flush()
        except Exception as exc:
            log.warning("search log not flushed before a read (%s); answering from what is stored", type(exc).__name__)

    async def _write_one_by_one(self, entries: Sequence[SearchLogEntry]) -> int:
        """Isolate the entry a batch failed on; if some succeed, the ones that fail alone are poison."""
        refusals: list[str] = []
        written = 0
        for entry in entries:
            try:
                await self._index.record_searches([entry])
                written += 1
            except Exception as exc:
                refusals.append(type(exc).__name__)
        if written:
            for refusal in refusals:
                self._drop("store_refused", f"the store refused it ({refusal})")
        return written

    async def close(self) -> None:
        await self.flush()

    async def run(self, stop: asyncio.Event) -> None:
        delay = self._flush_interval
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            try:
                await self.flush()
            except Exception:
                delay = self._backoff.failed()
                log.warning(
                    "could not write the search log; keeping %d entries, next try in %.1fs",
                    len(self._pending),
                    delay,
                    exc_info=self._backoff.first_failure,
                )
            else:
                self._backoff.succeeded()
                delay = self._flush_interval
