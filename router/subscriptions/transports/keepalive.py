"""Heartbeats for the HTTP transports: None whenever the stream has been quiet for the keep-alive period."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from router.execution.types import JSONObject

__all__ = ["with_keepalive"]

_END = object()


async def with_keepalive(events: AsyncIterator[JSONObject], seconds: float) -> AsyncIterator[JSONObject | None]:
    """The events, with None in the gaps; reading happens in a task so a heartbeat never cancels a read."""
    queue: asyncio.Queue[object] = asyncio.Queue(maxsize=1)

    async def pump() -> None:
        try:
            async for event in events:
                await queue.put(event)
        except Exception as exc:
            await queue.put(exc)
        await queue.put(_END)

    task = asyncio.create_task(pump())
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), seconds)
            except TimeoutError:
                yield None
                continue
            if item is _END:
                break
            if isinstance(item, Exception):
                raise item
            yield item  # type: ignore[misc]
        await task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await events.aclose()  # type: ignore[attr-defined]
