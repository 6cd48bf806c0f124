"""Sending one request to our router and to Apollo Gateway, and comparing what comes back."""

from __future__ import annotations

import json
from contextlib import AsyncExitStack
from typing import Any

import httpx
from scenario_loader import Scenario

from router.execution.policy import FetchPolicy
from router.server import create_app

__all__ = ["Routers", "assert_same_answer"]


class Routers:
    """Our router per scenario (in-process ASGI, built once) and Apollo Gateway (one Node process)."""

    def __init__(self, stack: AsyncExitStack, fixture_origin: str, gateway: httpx.AsyncClient) -> None:
        self._stack = stack
        self._fixture_origin = fixture_origin
        self._gateway = gateway
        self._ours: dict[str, httpx.AsyncClient] = {}

    async def ours(self, scenario: Scenario, body: dict[str, Any]) -> dict[str, Any]:
        client = self._ours.get(scenario.name)
        if client is None:
            app = create_app(scenario.supergraph_sdl(self._fixture_origin), policy=FetchPolicy(timeout=10))
            await self._stack.enter_async_context(app.router.lifespan_context(app))
            client = await self._stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router")
            )
            self._ours[scenario.name] = client
        result: dict[str, Any] = (await client.post("/graphql", json=body)).json()
        return result

    async def theirs(self, scenario: Scenario, body: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = (await self._gateway.post(f"/{scenario.name}/graphql", json=body)).json()
        return result


def ordered(value: Any) -> Any:
    """Field order is part of the answer: objects become lists of pairs. Numbers compare by value
    (JavaScript prints the Float 38.0 as 38)."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [ordered(item) for item in value]
    return value


def value_completion(response: dict[str, Any]) -> bool:
    """Apollo reports nulls in non-null positions that no subgraph explained in extensions."""
    return "valueCompletion" in (response.get("extensions") or {})


async def assert_same_answer(routers: Routers, scenario: Scenario, body: dict[str, Any]) -> None:
    theirs = await routers.theirs(scenario, body)
    ours = await routers.ours(scenario, body)
    report = (
        f"\nquery: {body['query']}\nours:   {json.dumps(ours, ensure_ascii=False)}"
        f"\ntheirs: {json.dumps(theirs, ensure_ascii=False)}"
    )
    assert ordered(ours.get("data")) == ordered(theirs.get("data")), report
    assert ("errors" in ours) == ("errors" in theirs), report
    assert value_completion(ours) == value_completion(theirs), report
