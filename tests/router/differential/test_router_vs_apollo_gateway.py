"""Every scenario operation gets the same data (and errors or none) from our router as from Apollo Gateway."""

from __future__ import annotations

import pytest
from apollo_divergences import apollo_is_wrong
from comparison import Routers, assert_same_answer
from scenario_loader import Scenario, known_gap_marks, load_scenarios

# One event loop for the module, so each scenario's router app is built once and reused.
pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]


def marks(scenario: Scenario, operation: str) -> list[pytest.MarkDecorator]:
    wrong = apollo_is_wrong(scenario.name, scenario.operations[operation])
    if wrong:  # compared with the Rust planner instead (test_router_vs_hive_gateway.py)
        return [pytest.mark.skip(reason=f"Apollo Gateway is wrong here: {wrong}")]
    return known_gap_marks(scenario, operation)


CASES = [pytest.param(s, op, id=f"{s.name}:{op}", marks=marks(s, op)) for s in load_scenarios() for op in s.operations]


@pytest.mark.parametrize(("scenario", "operation"), CASES)
async def test_router_answers_like_apollo_gateway(scenario: Scenario, operation: str, routers: Routers) -> None:
    body = {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }
    await assert_same_answer(routers, scenario, body)
