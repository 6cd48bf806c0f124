"""Random valid operations over every scenario get the same answer from our router and Apollo Gateway."""

from __future__ import annotations

import zlib

import pytest
from comparison import Routers, assert_same_answer
from random_operations import random_operations
from scenario_loader import FIXTURE_ORIGIN, Scenario, load_scenarios

from router.supergraph import Supergraph

pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

PER_SCENARIO = 12

# Cases where Apollo Gateway 2.14 answers wrongly and we do not copy it. Strict: if the generated
# query for an id changes, the case passes and this list must be revisited.
_INTERFACE_OBJECT_TYPENAME = (
    "Apollo lets an @interfaceObject subgraph's __typename (the interface) replace the concrete one, "
    "then drops the client's fragments on the concrete types"
)
KNOWN_APOLLO_BUGS = {
    "s05_requires_with_arguments:R2": (
        'Apollo computes vatKrw (@requires price(currency: "KRW")) from the client\'s price(currency: "b")'
    ),
    "s05_requires_with_arguments:R7": (
        'Apollo answers the client\'s price(currency: "a") with the value fetched for @requires price(currency: "KRW")'
    ),
    "s17_interface_object:R4": _INTERFACE_OBJECT_TYPENAME,
    "s17_interface_object:R10": _INTERFACE_OBJECT_TYPENAME,
    "s17_interface_object:R11": _INTERFACE_OBJECT_TYPENAME,
    "s18_entity_interface_fields:R0": _INTERFACE_OBJECT_TYPENAME,
    "s18_entity_interface_fields:R2": _INTERFACE_OBJECT_TYPENAME,
}

# Cases where we still differ from Apollo by our own fault.
KNOWN_GAPS = {
    "s37_unreachable_subgraph:R9": (
        "the planner still sends a fetch for a root field excluded by a literal @include(if: false); "
        "Apollo sends none, so it reports no error for the unreachable subgraph"
    ),
}


def cases() -> list[object]:
    params = []
    for scenario in load_scenarios():
        api_schema = Supergraph.from_sdl(scenario.supergraph_sdl(FIXTURE_ORIGIN)).api_schema
        seed = zlib.crc32(scenario.name.encode())
        for index, query in enumerate(random_operations(api_schema, scenario.data, seed, PER_SCENARIO)):
            case_id = f"{scenario.name}:R{index}"
            bug = KNOWN_APOLLO_BUGS.get(case_id) or KNOWN_GAPS.get(case_id)
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            params.append(pytest.param(scenario, query, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize(("scenario", "query"), cases())
async def test_random_operation_answers_like_apollo_gateway(scenario: Scenario, query: str, routers: Routers) -> None:
    await assert_same_answer(routers, scenario, {"query": query})
