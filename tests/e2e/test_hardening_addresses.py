"""Finding 3 of issue 11: a subgraph acts on the client address the router signed, never on `X-Forwarded-For`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from subgraphs.users.bootstrap import PER_ADDRESS
from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import codes, signed_up
from tests.support.graphql import GraphQLClient

LOG_IN = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }"
CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"
VIEW = "query($id: ID!) { item(id: $id) { viewCount } }"


@asynccontextmanager
async def direct(marketplace: Marketplace, service: str) -> AsyncIterator[httpx.AsyncClient]:
    """A caller on the subgraph's own port, over a real socket, as an attacker inside the network would be."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{marketplace.settings.port(service)}") as http:
        yield http


@asynccontextmanager
async def router_client(marketplace: Marketplace, address: str) -> AsyncIterator[GraphQLClient]:
    """A client of the router whose socket address is `address`."""
    transport = httpx.ASGITransport(app=marketplace.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as http:
        yield GraphQLClient(http)


async def post(http: httpx.AsyncClient, query: str, variables: dict[str, Any], forged_for: str) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"X-Forwarded-For": forged_for}
    )
    body: dict[str, Any] = response.json()
    return body


async def test_rotating_x_forwarded_for_on_the_users_port_does_not_escape_the_address_throttle(
    marketplace: Marketplace,
) -> None:
    answers = []
    async with direct(marketplace, "users") as http:
        for n in range(PER_ADDRESS.max_failures + 1):
            body = await post(http, LOG_IN, {"e": f"guess{n}@example.com", "p": "whatever-1"}, f"198.51.100.{n}")
            answers.append(codes(body))
    assert answers[: PER_ADDRESS.max_failures] == [["UNAUTHENTICATED"]] * PER_ADDRESS.max_failures
    assert answers[-1] == ["TOO_MANY_REQUESTS"]


async def test_through_the_router_each_client_address_has_its_own_throttle(marketplace: Marketplace) -> None:
    async with router_client(marketplace, "203.0.113.10") as first, router_client(marketplace, "203.0.113.11") as other:
        for n in range(PER_ADDRESS.max_failures):
            assert codes(await first.execute(LOG_IN, {"e": f"a{n}@example.com", "p": "whatever-1"})) == [
                "UNAUTHENTICATED"
            ]
        assert codes(await first.execute(LOG_IN, {"e": "a-last@example.com", "p": "whatever-1"})) == [
            "TOO_MANY_REQUESTS"
        ]
        assert codes(await other.execute(LOG_IN, {"e": "b@example.com", "p": "whatever-1"})) == ["UNAUTHENTICATED"]


async def test_rotating_x_forwarded_for_on_the_items_port_does_not_inflate_view_counts(
    marketplace: Marketplace,
) -> None:
    token, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    item_input = {
        "title": "자전거",
        "description": "잘 나가요",
        "price": 50_000,
        "category": "스포츠/레저",
        "region": "서울",
    }
    item = (await marketplace.router.data(CREATE_ITEM, {"input": item_input}, token=token))["createItem"]
    await marketplace.settle()
    async with direct(marketplace, "items") as http:
        counts = [
            (await post(http, VIEW, {"id": item["id"]}, f"198.51.100.{n}"))["data"]["item"]["viewCount"]
            for n in range(5)
        ]
    assert counts == [1, 1, 1, 1, 1]
    # Through the router, two clients are two viewers.
    async with router_client(marketplace, "203.0.113.20") as first, router_client(marketplace, "203.0.113.21") as other:
        assert (await first.data(VIEW, {"id": item["id"]}))["item"]["viewCount"] == 2
        assert (await first.data(VIEW, {"id": item["id"]}))["item"]["viewCount"] == 2
        assert (await other.data(VIEW, {"id": item["id"]}))["item"]["viewCount"] == 3
