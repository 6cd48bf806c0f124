"""Random valid operations over every scenario get the same answer from our router and Apollo Gateway."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from apollo_divergences import apollo_is_wrong
from comparison import Routers, assert_same_answer
from random_operations import random_operations
from scenario_loader import FIXTURE_ORIGIN, Scenario, known_gap_marks, load_scenarios

from router.supergraph import Supergraph

pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

PER_SCENARIO = 20


def cases() -> list[object]:
    params = []
    for scenario in load_scenarios():
        api_schema = Supergraph.from_sdl(scenario.supergraph_sdl(FIXTURE_ORIGIN)).api_schema
        seed = zlib.crc32(scenario.name.encode())
        for index, (query, variables) in enumerate(random_operations(api_schema, scenario.data, seed, PER_SCENARIO)):
            wrong = apollo_is_wrong(scenario.name, query)
            marks = (
                [pytest.mark.skip(reason=f"Apollo Gateway is wrong here: {wrong}")]
                if wrong
                else known_gap_marks(scenario, f"R{index}")
            )
            params.append(pytest.param(scenario, query, variables, id=f"{scenario.name}:R{index}", marks=marks))
    return params


@pytest.mark.parametrize(("scenario", "query", "variables"), cases())
async def test_random_operation_answers_like_apollo_gateway(
    scenario: Scenario, query: str, variables: dict[str, Any], routers: Routers
) -> None:
    await assert_same_answer(routers, scenario, {"query": query, "variables": variables})
