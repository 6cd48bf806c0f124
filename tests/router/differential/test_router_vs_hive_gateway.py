"""Every scenario operation gets the same answer from our router as from Hive Gateway, with its Rust
query planner (the strongest oracle) and with its JavaScript planner; and our router makes no more
subgraph requests than the Rust planner. Known disagreements are pinned in hive_divergences.py: there
the test checks that the oracle still answers otherwise (ours is compared with Apollo Gateway)."""

from __future__ import annotations

from typing import Any

import pytest
from comparison import FETCH_TOTALS, Routers, answer_report, ordered
from hive_divergences import FETCH_GAPS, RUST_CANNOT_PLAN, hive_is_wrong
from scenario_loader import Scenario, known_gap_marks, load_scenarios

# One event loop for the module, so each scenario's router app is built once and reused.
pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

ORACLES = ("hive", "rust")

OPERATIONS = [(s, op) for s in load_scenarios() for op in s.operations]


def request_body(scenario: Scenario, operation: str) -> dict[str, Any]:
    return {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }


def same(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    return ordered(ours.get("data")) == ordered(theirs.get("data")) and ("errors" in ours) == ("errors" in theirs)


@pytest.mark.parametrize(
    ("scenario", "operation", "oracle"),
    [
        pytest.param(s, op, o, id=f"{s.name}:{op}:{o}", marks=known_gap_marks(s, op))
        for s, op in OPERATIONS
        for o in ORACLES
    ],
)
async def test_router_answers_like_hive_gateway(
    scenario: Scenario, operation: str, oracle: str, routers: Routers
) -> None:
    body = request_body(scenario, operation)
    theirs = await routers.theirs(scenario, body, oracle)
    ours = await routers.ours(scenario, body)
    report = answer_report(body, ours, theirs, oracle)
    divergence = hive_is_wrong(scenario.name, operation, oracle)
    if divergence is None:
        assert same(ours, theirs), report
    else:
        assert not same(ours, theirs), f"{oracle} now answers like us, drop the pin ({divergence}){report}"


@pytest.mark.parametrize(
    ("scenario", "operation"),
    [
        pytest.param(
            s,
            op,
            id=f"{s.name}:{op}",
            marks=[pytest.mark.xfail(strict=True, reason=FETCH_GAPS[(s.name, op)])]
            if (s.name, op) in FETCH_GAPS
            else [],
        )
        for s, op in OPERATIONS
        if (s.name, op) not in RUST_CANNOT_PLAN
    ],
)
async def test_router_fetches_no_more_than_the_rust_planner(
    scenario: Scenario, operation: str, routers: Routers
) -> None:
    body = request_body(scenario, operation)
    await routers.ours(scenario, {"query": "{ __typename }"})  # builds our app outside the count
    _, rust = await routers.counted(lambda: routers.theirs(scenario, body, "rust"))
    _, ours = await routers.counted(lambda: routers.ours(scenario, body))
    FETCH_TOTALS.add(ours, rust)
    assert ours <= rust, f"{ours} subgraph requests, the Rust planner makes {rust}"
