"""Server tests run the real router over the differential fixture subgraphs (scenario s01)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The fixture subgraph server and scenarios live with the differential tests; reuse them here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))

from fixture_subgraph import FixtureSubgraph, serve_subgraphs
from scenario_loader import Scenario, load_scenarios


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return next(s for s in load_scenarios() if s.name.startswith("s01_"))


@pytest.fixture(scope="session")
def subgraphs_origin(scenario: Scenario) -> Iterator[str]:
    subgraphs = {
        f"{scenario.name}/{name}": FixtureSubgraph(sdl, scenario.data.get(name, {}))
        for name, sdl in scenario.subgraphs.items()
    }
    with serve_subgraphs(subgraphs) as origin:
        yield origin


@pytest.fixture
def supergraph_sdl(scenario: Scenario, subgraphs_origin: str) -> str:
    sdl: str = scenario.supergraph_sdl(subgraphs_origin)
    return sdl
