"""graphql-transport-ws, message by message, without a socket."""

from __future__ import annotations

import json

from router.subscriptions.transports.graphql_ws_protocol import (
    Accept,
    Close,
    GraphQLWSProtocol,
    Phase,
    Send,
    Start,
    Stop,
)


def message(**fields: object) -> str:
    return json.dumps(fields)


def ready(max_operations: int = 2) -> GraphQLWSProtocol:
    protocol = GraphQLWSProtocol(max_operations=max_operations)
    assert protocol.receive(message(type="connection_init", payload={"Authorization": "Bearer t"})) == [
        Accept({"Authorization": "Bearer t"})
    ]
    assert protocol.acknowledge() == [Send({"type": "connection_ack"})]
    return protocol


def subscribe(operation_id: str) -> str:
    return message(id=operation_id, type="subscribe", payload={"query": "subscription { x }"})


def test_subscribe_before_the_ack_is_unauthorised() -> None:
    protocol = GraphQLWSProtocol(max_operations=5)
    assert protocol.receive(subscribe("1")) == [Close(4401, "Unauthorized")]
    protocol.receive(message(type="connection_init"))
    assert protocol.phase is Phase.INITIALISING
    assert protocol.receive(subscribe("1")) == [Close(4401, "Unauthorized")]


def test_a_second_init_and_garbage_close_the_connection() -> None:
    protocol = ready()
    assert protocol.receive(message(type="connection_init")) == [Close(4429, "Too many initialisation requests")]
    assert protocol.receive("{not json") == [Close(4400, "Invalid message received")]
    assert protocol.receive(message(type="subscribe", id="1")) == [
        Close(4400, "A subscribe message needs a payload with a query")
    ]
    assert protocol.receive(message(type="nonsense")) == [Close(4400, "Unknown message type 'nonsense'")]


def test_operations_start_stop_and_finish_once() -> None:
    protocol = ready()
    assert protocol.receive(subscribe("1")) == [Start("1", {"query": "subscription { x }"})]
    assert protocol.receive(subscribe("1")) == [Close(4409, "Subscriber for 1 already exists")]
    assert protocol.receive(message(type="complete", id="1")) == [Stop("1")]
    # The client completed it: the server sends no `complete` of its own.
    assert protocol.finished("1") == []
    protocol.receive(subscribe("2"))
    assert protocol.finished("2") == [Send({"id": "2", "type": "complete"})]


def test_the_limit_per_connection_refuses_the_operation_not_the_connection() -> None:
    protocol = ready(max_operations=1)
    protocol.receive(subscribe("1"))
    [refusal] = protocol.receive(subscribe("2"))
    assert isinstance(refusal, Send) and refusal.message["type"] == "error" and refusal.message["id"] == "2"
    assert refusal.message["payload"][0]["extensions"]["code"] == "SUBSCRIPTION_LIMIT_EXCEEDED"
    assert protocol.operations == {"1"}


def test_ping_is_answered_and_a_late_init_times_out() -> None:
    protocol = GraphQLWSProtocol(max_operations=1)
    assert protocol.receive(message(type="ping")) == [Send({"type": "pong"})]
    assert protocol.receive(message(type="pong")) == []
    assert protocol.init_timed_out() == [Close(4408, "Connection initialisation timeout")]
    assert ready().init_timed_out() == []
