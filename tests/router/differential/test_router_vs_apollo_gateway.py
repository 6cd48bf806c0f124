"""Every scenario operation gets the same data (and errors or none) from our router as from Apollo Gateway."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from scenario_loader import Scenario, load_scenarios

from router.server import create_app

pytestmark = pytest.mark.node

CASES = [pytest.param(s, op, id=f"{s.name}:{op}") for s in load_scenarios() for op in s.operations]


async def ask_router(scenario: Scenario, origin: str, body: dict[str, Any]) -> dict[str, Any]:
    app = create_app(scenario.supergraph_sdl(origin), subgraph_timeout=10)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client,
    ):
        response = await client.post("/graphql", json=body)
    result: dict[str, Any] = response.json()
    return result


async def ask_gateway(scenario: Scenario, gateway_origin: str, body: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(f"{gateway_origin}/{scenario.name}/graphql", json=body)
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize(("scenario", "operation"), CASES)
async def test_router_answers_like_apollo_gateway(
    scenario: Scenario, operation: str, fixture_origin: str, gateway_origin: str
) -> None:
    body = {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }
    theirs = await ask_gateway(scenario, gateway_origin, body)
    ours = await ask_router(scenario, fixture_origin, body)
    report = f"\nours:   {json.dumps(ours, ensure_ascii=False)}\ntheirs: {json.dumps(theirs, ensure_ascii=False)}"
    # Field order is part of the answer, so compare the serialised data, not just the dicts.
    assert json.dumps(ours.get("data")) == json.dumps(theirs.get("data")), report
    assert ("errors" in ours) == ("errors" in theirs), report
    assert value_completion(ours) == value_completion(theirs), report


def value_completion(response: dict[str, Any]) -> bool:
    """Apollo reports nulls in non-null positions that no subgraph explained in extensions."""
    return "valueCompletion" in (response.get("extensions") or {})
