"""The committed scenario supergraphs are what Apollo composition makes of the scenarios today.

Descriptions are left out of the comparison: the project's subgraphs (s38) reword their docs often,
and a description never changes an answer.
"""

from __future__ import annotations

import dataclasses

import pytest
from compose_scenarios import compose_all
from graphql import Node, Visitor, parse, print_ast, visit
from node_peers import require_node_peers
from scenario_loader import load_scenarios

pytestmark = pytest.mark.node


class _DropDescriptions(Visitor):
    def enter(self, node: Node, *_: object) -> Node | None:
        if getattr(node, "description", None) is not None:
            return dataclasses.replace(node, description=None)  # type: ignore[type-var]
        return None


def without_descriptions(sdl: str) -> str:
    return print_ast(visit(parse(sdl), _DropDescriptions()))


def test_committed_supergraphs_match_a_fresh_composition() -> None:
    require_node_peers()
    scenarios = load_scenarios()
    results = compose_all(scenarios)
    stale = [
        s.name
        for s in scenarios
        if not s.supergraph_path.exists()
        or without_descriptions(results[s.name]["supergraphSdl"]) != without_descriptions(s.supergraph_path.read_text())
    ]
    assert stale == [], f"run tests/router/differential/compose_scenarios.py to regenerate: {stale}"
