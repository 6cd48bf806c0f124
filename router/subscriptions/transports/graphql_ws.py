"""GraphQL over WebSocket (graphql-transport-ws) on `/graphql`: the socket side of `graphql_ws_protocol`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from router.server.errors import RequestError
from router.server.request import read_graphql_payload
from router.subscriptions.loop import NotASubscription, SubscriptionGateway
from router.subscriptions.transports.common import Authenticate, client_address, forwarded_headers, guarded
from router.subscriptions.transports.graphql_ws_protocol import (
    Accept,
    Action,
    Close,
    GraphQLWSProtocol,
    Send,
    Start,
    Stop,
)

__all__ = ["PROTOCOL", "serve_graphql_ws"]

log = logging.getLogger(__name__)

PROTOCOL = "graphql-transport-ws"
INIT_TIMEOUT_SECONDS = 10.0


class _Connection:
    def __init__(self, socket: WebSocket, gateway: SubscriptionGateway, authenticate: Authenticate | None) -> None:
        self.socket = socket
        self.gateway = gateway
        self.authenticate = authenticate
        self.protocol = GraphQLWSProtocol(max_operations=gateway.limits.per_connection)
        self.authorization: str | None = socket.headers.get("authorization")
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.closed = False
        self._send_lock = asyncio.Lock()

    async def send(self, message: dict[str, object]) -> None:
        async with self._send_lock:
            if not self.closed:
                await self.socket.send_text(json.dumps(message, ensure_ascii=False))

    async def apply(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Send):
                await self.send(action.message)
            elif isinstance(action, Close):
                await self.close(action.code, action.reason)
            elif isinstance(action, Accept):
                await self.accept(action.payload)
            elif isinstance(action, Start):
                self.tasks[action.id] = asyncio.create_task(self.run(action.id, action.payload))
            elif isinstance(action, Stop):
                task = self.tasks.pop(action.id, None)
                if task is not None:
                    task.cancel()

    async def accept(self, payload: dict[str, object]) -> None:
        token = payload.get("Authorization", payload.get("authorization"))
        if isinstance(token, str):
            self.authorization = token
        if self.authenticate is not None:
            try:
                self.authenticate(self.authorization)
            except PermissionError as exc:
                await self.close(4403, f"Forbidden: {exc}"[:120])
                return
        await self.apply(self.protocol.acknowledge())

    async def run(self, operation_id: str, payload: dict[str, object]) -> None:
        try:
            request = read_graphql_payload(payload)
            events = self.gateway.open(request, forwarded_headers(self.socket, self.authorization))
        except RequestError as exc:
            self.protocol.operations.discard(operation_id)
            await self.send({"id": operation_id, "type": "error", "payload": exc.errors})
            return
        except NotASubscription:
            self.protocol.operations.discard(operation_id)
            message = "Only subscriptions go over this WebSocket; send queries and mutations with POST."
            await self.send({"id": operation_id, "type": "error", "payload": [{"message": message}]})
            return
        try:
            async for response in guarded(self.gateway, client_address(self.socket), events):
                await self.send({"id": operation_id, "type": "next", "payload": response})
        except Exception:
            log.exception("subscription %s failed", operation_id)
            error = {"message": "Internal router error.", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
            await self.send({"id": operation_id, "type": "next", "payload": {"errors": [error]}})
        finally:
            self.tasks.pop(operation_id, None)
        await self.apply(self.protocol.finished(operation_id))

    async def close(self, code: int, reason: str) -> None:
        if not self.closed:
            async with self._send_lock:
                self.closed = True
                with contextlib.suppress(Exception):
                    await self.socket.close(code, reason)

    async def keep_alive(self) -> None:
        while not self.closed:
            await asyncio.sleep(self.gateway.limits.keepalive_seconds)
            with contextlib.suppress(Exception):
                await self.send({"type": "ping"})

    async def init_deadline(self) -> None:
        await asyncio.sleep(INIT_TIMEOUT_SECONDS)
        await self.apply(self.protocol.init_timed_out())


async def serve_graphql_ws(socket: WebSocket, gateway: SubscriptionGateway, authenticate: Authenticate | None) -> None:
    if PROTOCOL not in socket.scope.get("subprotocols", []):
        await socket.close(4406, "Subprotocol not acceptable")
        return
    await socket.accept(subprotocol=PROTOCOL)
    connection = _Connection(socket, gateway, authenticate)
    helpers = [asyncio.create_task(connection.keep_alive()), asyncio.create_task(connection.init_deadline())]
    try:
        while not connection.closed:
            message = await socket.receive()
            if message["type"] == "websocket.disconnect":
                break
            raw = message.get("text") or message.get("bytes") or ""
            await connection.apply(connection.protocol.receive(raw))
    except WebSocketDisconnect:
        pass
    finally:
        connection.closed = True
        for task in [*helpers, *connection.tasks.values()]:
            task.cancel()
        await asyncio.gather(*helpers, *connection.tasks.values(), return_exceptions=True)
