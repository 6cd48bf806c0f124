"""The committed scenario supergraphs are what Apollo composition makes of the scenarios today."""

from __future__ import annotations

import pytest
from compose_scenarios import compose_all
from node_peers import require_node_peers
from scenario_loader import load_scenarios

pytestmark = pytest.mark.node


def test_committed_supergraphs_match_a_fresh_composition() -> None:
    require_node_peers()
    scenarios = load_scenarios()
    results = compose_all(scenarios)
    stale = [
        s.name
        for s in scenarios
        if not s.supergraph_path.exists() or results[s.name]["supergraphSdl"] != s.supergraph_path.read_text()
    ]
    assert stale == [], f"run tests/router/differential/compose_scenarios.py to regenerate: {stale}"
