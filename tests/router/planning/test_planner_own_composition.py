"""Plans over our own composition's supergraph equal plans over Apollo's, for every snapshot case."""

from __future__ import annotations

import importlib
from functools import cache

import pytest
from graphql import parse
from planner_harness import FIXTURES, plan_text

from router.composition.compose import compose
from router.composition.results import SubgraphSource
from router.planning import QueryPlanner, print_plan
from router.supergraph import Supergraph

MODULES = [
    "test_planner_abstract",
    "test_planner_keys",
    "test_planner_override",
    "test_planner_provides",
    "test_planner_requires",
    "test_planner_roots",
    "test_planner_shareable",
]
KNOWN_GAPS: dict[str, str] = {}


@cache
def own_planner(name: str) -> QueryPlanner:
    sources = [
        SubgraphSource(path.stem, f"http://{path.stem}", path.read_text())
        for path in sorted((FIXTURES / name).glob("*.graphql"))
    ]
    result = compose(sources)
    assert result.ok, [error.message for error in result.errors]
    return QueryPlanner(Supergraph.from_sdl(result.supergraph_sdl))


@pytest.mark.parametrize(
    "module_name",
    [
        pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[m])) if m in KNOWN_GAPS else m
        for m in MODULES
    ],
)
def test_same_plans_as_over_apollos_supergraph(module_name: str) -> None:
    module = importlib.import_module(module_name)
    name: str = module.SUPERGRAPH
    different = {}
    for case, (query, _) in module.CASES.items():
        ours = print_plan(own_planner(name).plan(parse(query), None))
        if ours != plan_text(name, query):
            different[case] = ours
    assert not different, different
