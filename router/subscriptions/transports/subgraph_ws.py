"""The subgraph side: one graphql-transport-ws connection per client subscription, as Strawberry serves it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from router.execution.types import JSONObject
from router.subscriptions.errors import StreamLost

__all__ = ["subgraph_stream"]

PROTOCOL = "graphql-transport-ws"
OPERATION_ID = "1"


def _ws_url(url: str) -> str:
    return "ws" + url[len("http") :] if url.startswith("http") else url


async def subgraph_stream(
    service_name: str,
    url: str,
    operation: str,
    variables: Mapping[str, Any],
    *,
    operation_name: str | None,
    headers: Mapping[str, str],
    open_timeout: float = 10.0,
) -> AsyncIterator[JSONObject]:
    """The `next` payloads of one subscription; ends on `complete`, raises `StreamLost` on anything else.

    The client's `Authorization` goes in the `connection_init` payload (and on the upgrade request), and
    `X-Forwarded-For` on the upgrade request, as for queries.
    """
    init = {"Authorization": headers["authorization"]} if "authorization" in headers else {}
    try:
        async with connect(
            _ws_url(url),
            subprotocols=[PROTOCOL],  # type: ignore[list-item]
            additional_headers=dict(headers),
            open_timeout=open_timeout,
            ping_interval=20,
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": init}))
            ack = json.loads(await socket.recv())
            if ack.get("type") != "connection_ack":
                raise StreamLost(service_name, f"no connection_ack but {ack.get('type')!r}")
            subscribe = {"query": operation, "variables": dict(variables), "operationName": operation_name}
            await socket.send(json.dumps({"id": OPERATION_ID, "type": "subscribe", "payload": subscribe}))
            async for raw in socket:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await socket.send(json.dumps({"type": "pong"}))
                elif kind == "next":
                    yield message.get("payload") or {}
                elif kind == "error":
                    yield {"errors": message.get("payload") or []}
                    return
                elif kind == "complete":
                    return
            raise StreamLost(service_name, "the connection closed")
    except ConnectionClosed as exc:
        raise StreamLost(
            service_name, f"the connection closed ({exc.rcvd.code if exc.rcvd else 'no close frame'})"
        ) from exc
    except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
        raise StreamLost(service_name, f"could not connect: {type(exc).__name__}") from exc
