"""Collapsing identical subgraph queries in flight at the same moment into one request.

Twenty clients opening the same item page at once need one `_entities` fetch, not twenty. Only queries
are shared (the fetcher sends every mutation as asked), and only while the first is in flight: nothing is
cached. Callers get the raw answer and parse it themselves, so no two requests ever share (and later
mutate) the same response objects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

__all__ = ["InflightDeduplicator"]

T = TypeVar("T")


class InflightDeduplicator(Generic[T]):
    def __init__(self) -> None:
        self._inflight: dict[object, asyncio.Task[T]] = {}

    @property
    def in_flight(self) -> int:
        return len(self._inflight)

    async def run(self, key: object, send: Callable[[], Coroutine[Any, Any, T]]) -> tuple[T, bool]:
        """The result of `send()`, or of the identical call already in flight; True when shared."""
        task = self._inflight.get(key)
        shared = task is not None
        if task is None:
            # Its own task: the first caller going away (client disconnect) must not cancel the others' request.
            task = asyncio.create_task(send())
            self._inflight[key] = task
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(task), shared
