"""GraphQL over Server-Sent Events, graphql-sse's distinct connections mode: one HTTP response per subscription."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.responses import StreamingResponse

from router.execution.types import JSONObject
from router.subscriptions.transports.keepalive import with_keepalive

__all__ = ["MEDIA_TYPE", "sse_response"]

MEDIA_TYPE = "text/event-stream"


def _event(kind: str, data: JSONObject | None) -> bytes:
    body = json.dumps(data, ensure_ascii=False) if data is not None else ""
    return f"event: {kind}\ndata: {body}\n\n".encode()


async def _frames(events: AsyncIterator[JSONObject], keepalive_seconds: float) -> AsyncIterator[bytes]:
    async for event in with_keepalive(events, keepalive_seconds):
        # A comment line keeps proxies from closing an idle stream; clients ignore it.
        yield b":\n\n" if event is None else _event("next", event)
    yield _event("complete", None)


def sse_response(events: AsyncIterator[JSONObject], keepalive_seconds: float) -> StreamingResponse:
    return StreamingResponse(
        _frames(events, keepalive_seconds),
        media_type=MEDIA_TYPE,
        headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
    )
