"""A small graphql-transport-ws client (the `graphql-ws` protocol) over the `websockets` library, for tests."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

__all__ = ["GraphQLWebSocket", "graphql_ws"]

PROTOCOL = "graphql-transport-ws"


class GraphQLWebSocket:
    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self._ids = itertools.count(1)

    async def receive(self, timeout: float = 10.0) -> dict[str, Any]:
        """The next message that is not a keep-alive ping (answered with a pong, as a client must)."""
        while True:
            message: dict[str, Any] = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
            if message["type"] == "ping":
                await self.send({"type": "pong"})
                continue
            return message

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send(json.dumps(message))

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        operation_id = str(next(self._ids))
        await self.send(
            {"id": operation_id, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
        )
        return operation_id

    async def next_payload(self, operation_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """The payload of the next `next` message for the operation; fails on anything else."""
        message = await self.receive(timeout)
        assert message.get("id") == operation_id and message["type"] == "next", message
        payload: dict[str, Any] = message["payload"]
        return payload

    async def error_codes(self, operation_id: str, timeout: float = 10.0) -> list[str]:
        """An operation refused by the server: its errors (as `error`, or as graphql-ws sends a refusal by the
        resolver, one `next` carrying only errors), and then the operation is over."""
        message = await self.receive(timeout)
        assert message.get("id") == operation_id, message
        if message["type"] == "error":
            errors = message["payload"]
        else:
            assert message["type"] == "next" and message["payload"].get("data") is None, message
            errors = message["payload"]["errors"]
            complete = await self.receive(timeout)
            assert complete == {"id": operation_id, "type": "complete"}, complete
        return [error.get("extensions", {}).get("code") for error in errors]


@asynccontextmanager
async def graphql_ws(url: str, token: str | None = None, *, init: bool = True) -> AsyncIterator[GraphQLWebSocket]:
    """Connected (and, with `init`, acknowledged) with the token in the `connection_init` payload."""
    async with connect(url.replace("http", "ws", 1), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        client = GraphQLWebSocket(socket)
        if init:
            payload = {"Authorization": f"Bearer {token}"} if token else {}
            await client.send({"type": "connection_init", "payload": payload})
            ack = await client.receive()
            assert ack["type"] == "connection_ack", ack
        yield client
