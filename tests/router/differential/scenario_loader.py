"""Loads the differential scenarios: each `scenarios/<name>.py` is a few small subgraphs, their
data and the operations to send; `supergraphs/<name>.graphql` is its Apollo composition."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

__all__ = ["FIXTURE_ORIGIN", "SCENARIO_DIR", "SUPERGRAPH_DIR", "Scenario", "known_gap_marks", "load_scenarios"]

HERE = Path(__file__).parent
SCENARIO_DIR = HERE / "scenarios"
SUPERGRAPH_DIR = HERE / "supergraphs"
FIXTURE_ORIGIN = "http://fixtures.invalid"
"""Subgraph URLs in committed supergraphs start with this; tests swap in the fixture server's address."""

CLOSED_ORIGIN = "http://127.0.0.1:1"
"""Nothing listens on port 1: connections are refused at once."""

Resolver = Callable[..., Any]


@dataclass(frozen=True)
class Scenario:
    name: str
    subgraphs: dict[str, str]
    data: dict[str, dict[str, Any]]
    operations: dict[str, str]
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)
    resolvers: dict[str, dict[str, Resolver]] = field(default_factory=dict)
    unreachable: frozenset[str] = frozenset()
    """Subgraphs the tests point at a closed port, to compare how failures reach the client."""
    known_gaps: dict[str, str] = field(default_factory=dict)
    """Operation -> why our router still answers it wrongly: strict xfails until the planner is fixed."""

    def subgraph_url(self, subgraph: str, origin: str = FIXTURE_ORIGIN) -> str:
        return f"{origin}/{self.name}/{subgraph}"

    @property
    def supergraph_path(self) -> Path:
        return SUPERGRAPH_DIR / f"{self.name}.graphql"

    def supergraph_sdl(self, origin: str) -> str:
        sdl = self.supergraph_path.read_text()
        for subgraph in self.unreachable:
            sdl = sdl.replace(self.subgraph_url(subgraph), self.subgraph_url(subgraph, CLOSED_ORIGIN))
        return sdl.replace(FIXTURE_ORIGIN, origin)


def known_gap_marks(scenario: Scenario, operation: str) -> list[pytest.MarkDecorator]:
    """A strict xfail for an operation our router still answers wrongly (see `Scenario.known_gaps`)."""
    reason = scenario.known_gaps.get(operation)
    return [pytest.mark.xfail(strict=True, reason=f"router gap: {reason}")] if reason else []


def load_scenarios() -> list[Scenario]:
    return [_load(path) for path in sorted(SCENARIO_DIR.glob("*.py"))]


def _load(path: Path) -> Scenario:
    spec = importlib.util.spec_from_file_location(f"differential_scenario_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Scenario(
        name=path.stem,
        subgraphs=module.SUBGRAPHS,
        data=module.DATA,
        operations=module.OPERATIONS,
        variables=getattr(module, "VARIABLES", {}),
        resolvers=getattr(module, "RESOLVERS", {}),
        unreachable=frozenset(getattr(module, "UNREACHABLE", ())),
        known_gaps=getattr(module, "KNOWN_GAPS", {}),
    )
