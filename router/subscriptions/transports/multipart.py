"""Apollo's multipart HTTP subscriptions (`Accept: multipart/mixed;subscriptionSpec="1.0"`).

Each part is `{"payload": <GraphQL response>}`; `{}` parts are heartbeats; the closing boundary ends it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.responses import StreamingResponse

from router.execution.types import JSONObject
from router.subscriptions.transports.keepalive import with_keepalive

__all__ = ["accepts_multipart", "multipart_response"]

BOUNDARY = "graphql"
CONTENT_TYPE = f'multipart/mixed;boundary="{BOUNDARY}";subscriptionSpec="1.0"'
_PART = f"\r\n--{BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n"


def accepts_multipart(accept: str) -> bool:
    return any(
        kind.strip().startswith("multipart/mixed") and "subscriptionspec" in kind.replace(" ", "").lower()
        for kind in accept.split(",")
    )


def _part(body: JSONObject) -> bytes:
    return (_PART + json.dumps(body, ensure_ascii=False)).encode()


async def _parts(events: AsyncIterator[JSONObject], keepalive_seconds: float) -> AsyncIterator[bytes]:
    async for event in with_keepalive(events, keepalive_seconds):
        yield _part({} if event is None else {"payload": event})
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def multipart_response(events: AsyncIterator[JSONObject], keepalive_seconds: float) -> StreamingResponse:
    return StreamingResponse(_parts(events, keepalive_seconds), headers={"content-type": CONTENT_TYPE})
