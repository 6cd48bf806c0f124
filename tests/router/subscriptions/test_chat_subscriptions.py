"""`chatMessageSent` through the router over its three client protocols, with fields from another subgraph."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from tests.router.subscriptions.conftest import Market, Person
from tests.support.graphql_ws import graphql_ws

SUBSCRIPTION = (
    "subscription($roomId: ID, $after: ID) { chatMessageSent(roomId: $roomId, after: $after)"
    " { id body sender { id nickname } room { buyer { nickname } seller { nickname } } } }"
)


def expected(message_id: str, body: str, sender: Person, buyer: Person, seller: Person) -> dict[str, Any]:
    return {
        "data": {
            "chatMessageSent": {
                "id": message_id,
                "body": body,
                "sender": {"id": sender.id, "nickname": sender.nickname},
                "room": {"buyer": {"nickname": buyer.nickname}, "seller": {"nickname": seller.nickname}},
            }
        }
    }


async def sse_events(response: httpx.Response) -> AsyncIterator[tuple[str, str]]:
    """(event, data) pairs of a text/event-stream, comments (keep-alives) skipped."""
    event, data = "", ""
    async for line in response.aiter_lines():
        if line.startswith(":"):
            continue
        if line.startswith("event:"):
            event = line[len("event:") :].strip()
        elif line.startswith("data:"):
            data = line[len("data:") :].strip()
        elif line == "" and event:
            yield event, data
            event, data = "", ""


async def multipart_parts(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    """The JSON bodies of a multipart/mixed response, in order, heartbeats (`{}`) included."""
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk
        while True:
            start = buffer.find("\r\n\r\n")
            end = buffer.find("\r\n--graphql", start + 4) if start >= 0 else -1
            if start < 0 or end < 0:
                break
            yield json.loads(buffer[start + 4 : end])
            buffer = buffer[end:]


async def test_over_websocket_participants_hear_each_other_across_replicas(market: Market) -> None:
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, seller.token) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        await market.a.listening()
        sent = await market.send_via_b(buyer, room, "안녕하세요, 아직 있나요?")
        assert await socket.next_payload(operation) == expected(sent, "안녕하세요, 아직 있나요?", buyer, buyer, seller)


async def test_over_sse_and_multipart_the_same_events_arrive(market: Market) -> None:
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    body = {"query": SUBSCRIPTION, "variables": {"roomId": room}}
    sse_headers = {"accept": "text/event-stream", "authorization": f"Bearer {buyer.token}"}
    multipart_headers = {
        "accept": 'multipart/mixed;subscriptionSpec="1.0", application/json',
        "authorization": f"Bearer {seller.token}",
    }
    async with (
        market.http.stream("POST", market.router_url, json=body, headers=sse_headers) as sse,
        market.http.stream("POST", market.router_url, json=body, headers=multipart_headers) as multipart,
    ):
        assert sse.headers["content-type"].startswith("text/event-stream")
        assert multipart.headers["content-type"].startswith("multipart/mixed")
        await market.a.listening(2)
        sent = await market.send_via_b(seller, room, "네 있어요")
        want = expected(sent, "네 있어요", seller, buyer, seller)
        async for event, data in sse_events(sse):
            assert event == "next"
            assert json.loads(data) == want
            break
        async for part in multipart_parts(multipart):
            if part == {}:
                continue  # a heartbeat
            assert part == {"payload": want}
            break


async def test_a_stranger_is_forbidden_on_every_protocol(market: Market) -> None:
    seller, buyer, stranger = [await market.person(n) for n in ("감자농부", "당근조아", "구경꾼")]
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, stranger.token) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        assert await socket.error_codes(operation) == ["FORBIDDEN"]
    headers = {"accept": "text/event-stream", "authorization": f"Bearer {stranger.token}"}
    body = {"query": SUBSCRIPTION, "variables": {"roomId": room}}
    async with market.http.stream("POST", market.router_url, json=body, headers=headers) as sse:
        events = [(event, json.loads(data) if data else None) async for event, data in sse_events(sse)]
    assert [event for event, _ in events] == ["next", "complete"]
    assert [e["extensions"]["code"] for e in events[0][1]["errors"]] == ["FORBIDDEN"]
    bad = {"accept": "text/event-stream", "authorization": "Bearer not-a-token"}
    refused = await market.http.post(market.router_url, json=body, headers=bad)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_reconnecting_subscriber_gets_what_it_missed(market: Market) -> None:
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, seller.token) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        await market.a.listening()
        first = await market.send_via_b(buyer, room, "하나")
        assert (await socket.next_payload(operation))["data"]["chatMessageSent"]["id"] == first
    missed = [await market.send_via_b(buyer, room, body) for body in ("둘", "셋")]
    async with graphql_ws(market.router_url, seller.token) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room, "after": first})
        got = [(await socket.next_payload(operation))["data"]["chatMessageSent"]["id"] for _ in missed]
        assert got == missed


async def test_a_chat_subgraph_killed_mid_stream_ends_the_subscription_with_an_error(market: Market) -> None:
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, seller.token) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        await market.a.listening()
        market.a.kill()
        message = await socket.receive(timeout=15)
        assert message["type"] == "next" and message["id"] == operation, message
        error = message["payload"]["errors"][0]
        assert error["extensions"]["code"] == "SUBGRAPH_UNREACHABLE"
        assert error["extensions"]["serviceName"] == "chat"
        assert await socket.receive() == {"id": operation, "type": "complete"}


async def test_limits_per_connection_and_keepalive_pings(market: Market) -> None:
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, seller.token) as socket:
        for _ in range(3):
            await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        fourth = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        assert await socket.error_codes(fourth) == ["SUBSCRIPTION_LIMIT_EXCEEDED"]
        raw = json.loads(await socket.socket.recv())
        assert raw == {"type": "ping"}  # keep-alive every 0.5 s in this router
