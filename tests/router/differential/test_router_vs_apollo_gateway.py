"""Every scenario operation gets the same data (and errors or none) from our router as from Apollo Gateway."""

from __future__ import annotations

import pytest
from comparison import Routers, assert_same_answer
from scenario_loader import Scenario, load_scenarios

# One event loop for the module, so each scenario's router app is built once and reused.
pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

CASES = [pytest.param(s, op, id=f"{s.name}:{op}") for s in load_scenarios() for op in s.operations]


@pytest.mark.parametrize(("scenario", "operation"), CASES)
async def test_router_answers_like_apollo_gateway(scenario: Scenario, operation: str, routers: Routers) -> None:
    body = {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }
    await assert_same_answer(routers, scenario, body)
