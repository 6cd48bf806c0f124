"""Apollo Gateway's known wrong answers, next to ours: if Apollo changes, these tests say so."""

from __future__ import annotations

from typing import Any

import pytest
from apollo_divergences import INTERFACE_OBJECT_TYPENAME, REQUIRES_WITH_ARGUMENTS, apollo_is_wrong
from comparison import Routers, ordered
from scenario_loader import Scenario, load_scenarios

pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

SCENARIOS = {s.name: s for s in load_scenarios()}

# (scenario, query, our answer: the one the fixture data and federation semantics give)
CASES = {
    REQUIRES_WITH_ARGUMENTS: (
        "s05_requires_with_arguments",
        'query { products { price(currency: "USD") vatKrw } }',
        {"products": [{"price": 10, "vatKrw": 1300}, {"price": 3, "vatKrw": 390}]},
    ),
    INTERFACE_OBJECT_TYPENAME: (
        "s17_interface_object",
        "query { library { ... on Movie { rating __typename } } }",
        {"library": [{}, {"rating": 4, "__typename": "Movie"}]},
    ),
}


@pytest.mark.parametrize("divergence", list(CASES), ids=["requires-with-arguments", "interface-object-typename"])
async def test_we_answer_right_where_apollo_does_not(divergence: str, routers: Routers) -> None:
    name, query, expected = CASES[divergence]
    assert apollo_is_wrong(name, query) == divergence
    scenario: Scenario = SCENARIOS[name]
    ours: dict[str, Any] = await routers.ours(scenario, {"query": query})
    theirs: dict[str, Any] = await routers.theirs(scenario, {"query": query})
    assert ours == {"data": expected}
    assert ordered(theirs.get("data")) != ordered(expected), f"Apollo now answers right: {divergence}"
