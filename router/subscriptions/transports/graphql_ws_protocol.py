"""graphql-transport-ws as a state machine: messages in, actions out, no socket (tested message by message).

The protocol of the `graphql-ws` library (PROTOCOL.md): `connection_init` once, then `subscribe` /
`complete` per operation id, `ping`/`pong` both ways; violations close the socket with 44xx codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeAlias

from router.subscriptions.errors import SUBSCRIPTION_LIMIT

__all__ = [
    "Accept",
    "Action",
    "Close",
    "GraphQLWSProtocol",
    "Phase",
    "Send",
    "Start",
    "Stop",
]


class Phase(Enum):
    AWAITING_INIT = "awaiting_init"
    INITIALISING = "initialising"  # connection_init received; the transport is checking its payload
    READY = "ready"


@dataclass(frozen=True)
class Send:
    message: dict[str, Any]


@dataclass(frozen=True)
class Close:
    code: int
    reason: str


@dataclass(frozen=True)
class Accept:
    """Check the `connection_init` payload (the token), then call `acknowledge` or close with 4403."""

    payload: dict[str, Any]


@dataclass(frozen=True)
class Start:
    id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Stop:
    id: str


Action: TypeAlias = Send | Close | Accept | Start | Stop


@dataclass
class GraphQLWSProtocol:
    max_operations: int
    phase: Phase = Phase.AWAITING_INIT
    operations: set[str] = field(default_factory=set)

    def receive(self, raw: str | bytes) -> list[Action]:
        try:
            message = json.loads(raw)
        except ValueError:
            return [Close(4400, "Invalid message received")]
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            return [Close(4400, "Invalid message received")]
        kind = message["type"]
        if kind == "connection_init":
            return self._init(message.get("payload"))
        if kind == "ping":
            return [Send({"type": "pong"})]
        if kind == "pong":
            return []
        if kind == "subscribe":
            return self._subscribe(message)
        if kind == "complete":
            operation_id = message.get("id")
            if operation_id in self.operations:
                self.operations.discard(operation_id)
                return [Stop(operation_id)]
            return []
        return [Close(4400, f"Unknown message type {kind!r}")]

    def _init(self, payload: object) -> list[Action]:
        if self.phase is not Phase.AWAITING_INIT:
            return [Close(4429, "Too many initialisation requests")]
        if payload is not None and not isinstance(payload, dict):
            return [Close(4400, "The connection_init payload must be an object")]
        self.phase = Phase.INITIALISING
        return [Accept(payload or {})]

    def acknowledge(self) -> list[Action]:
        self.phase = Phase.READY
        return [Send({"type": "connection_ack"})]

    def _subscribe(self, message: dict[str, Any]) -> list[Action]:
        if self.phase is not Phase.READY:
            return [Close(4401, "Unauthorized")]
        operation_id, payload = message.get("id"), message.get("payload")
        if not isinstance(operation_id, str) or not operation_id:
            return [Close(4400, "A subscribe message needs an id")]
        if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
            return [Close(4400, "A subscribe message needs a payload with a query")]
        if operation_id in self.operations:
            return [Close(4409, f"Subscriber for {operation_id} already exists")]
        if len(self.operations) >= self.max_operations:
            error = {
                "message": f"This connection already has {self.max_operations} subscriptions; complete one first.",
                "extensions": {"code": SUBSCRIPTION_LIMIT},
            }
            return [Send({"id": operation_id, "type": "error", "payload": [error]})]
        self.operations.add(operation_id)
        return [Start(operation_id, payload)]

    def finished(self, operation_id: str) -> list[Action]:
        """The server ended an operation (its stream is over): `complete`, unless the client completed it."""
        if operation_id not in self.operations:
            return []
        self.operations.discard(operation_id)
        return [Send({"id": operation_id, "type": "complete"})]

    def init_timed_out(self) -> list[Action]:
        if self.phase is Phase.READY:
            return []
        return [Close(4408, "Connection initialisation timeout")]
