"""Every scenario operation gets the same data (and errors or none) from our router as from Apollo Gateway."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
import pytest_asyncio
from scenario_loader import Scenario, load_scenarios

from router.server import create_app

# One event loop for the module, so each scenario's router app is built once and reused.
pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

CASES = [pytest.param(s, op, id=f"{s.name}:{op}") for s in load_scenarios() for op in s.operations]


class Routers:
    """Our router per scenario (in-process ASGI) and Apollo Gateway (one Node process) side by side."""

    def __init__(self, stack: AsyncExitStack, fixture_origin: str, gateway: httpx.AsyncClient) -> None:
        self._stack = stack
        self._fixture_origin = fixture_origin
        self._gateway = gateway
        self._ours: dict[str, httpx.AsyncClient] = {}

    async def ours(self, scenario: Scenario, body: dict[str, Any]) -> dict[str, Any]:
        client = self._ours.get(scenario.name)
        if client is None:
            app = create_app(scenario.supergraph_sdl(self._fixture_origin), subgraph_timeout=10)
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


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def routers(fixture_origin: str, gateway_origin: str) -> AsyncIterator[Routers]:
    async with AsyncExitStack() as stack:
        gateway = await stack.enter_async_context(httpx.AsyncClient(base_url=gateway_origin, timeout=30))
        yield Routers(stack, fixture_origin, gateway)


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


@pytest.mark.parametrize(("scenario", "operation"), CASES)
async def test_router_answers_like_apollo_gateway(scenario: Scenario, operation: str, routers: Routers) -> None:
    body = {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }
    theirs = await routers.theirs(scenario, body)
    ours = await routers.ours(scenario, body)
    report = f"\nours:   {json.dumps(ours, ensure_ascii=False)}\ntheirs: {json.dumps(theirs, ensure_ascii=False)}"
    assert ordered(ours.get("data")) == ordered(theirs.get("data")), report
    assert ("errors" in ours) == ("errors" in theirs), report
    assert value_completion(ours) == value_completion(theirs), report
