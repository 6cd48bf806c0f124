"""Planner test helpers: fixture supergraphs, our printed plans, and Apollo's plans for comparison."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path
from textwrap import dedent

import pytest
from graphql import parse, validate

from router.planning import QueryPlanner, print_plan
from router.planning.plan_nodes import BatchFetchNode, ConditionNode, FetchNode, FlattenNode, PlanNode, QueryPlan
from router.supergraph import Supergraph

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "supergraphs"
NODE_DIR = ROOT / "tests" / "node"


@cache
def supergraph(name: str) -> Supergraph:
    return Supergraph.from_sdl((FIXTURES / f"{name}.graphql").read_text())


@cache
def planner(name: str) -> QueryPlanner:
    return QueryPlanner(supergraph(name))


def plan(name: str, query: str, operation_name: str | None = None) -> QueryPlan:
    document = parse(dedent(query))
    errors = validate(supergraph(name).api_schema, document)
    assert not errors, errors
    return planner(name).plan(document, operation_name)


def fetch_counts(node: PlanNode | None, *, requests: bool = False) -> Counter[str]:
    """Fetches per subgraph as Apollo's plans count them, or (`requests`) the requests sent: the
    entity fetches of a BatchFetch go out as one."""
    counts: Counter[str] = Counter()
    if isinstance(node, FetchNode):
        counts[node.service_name] += 1
    elif isinstance(node, FlattenNode):
        counts += fetch_counts(node.node, requests=requests)
    elif isinstance(node, BatchFetchNode):
        counts[node.service_name] += 1 if requests else len(node.entities)
    elif isinstance(node, ConditionNode):
        counts += fetch_counts(node.if_clause, requests=requests) + fetch_counts(node.else_clause, requests=requests)
    elif node is not None and hasattr(node, "nodes"):
        for child in node.nodes:
            counts += fetch_counts(child, requests=requests)
    return counts


def require_node() -> None:
    if shutil.which("node") and (NODE_DIR / "node_modules" / "@apollo" / "query-planner").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("node and tests/node/node_modules are required in CI (run `make test`)")
    pytest.skip("node or tests/node/node_modules missing: run `make test` to install the npm peers")


def apollo_plans(name: str, queries: list[str]) -> list[dict[str, object]]:
    """Apollo's query plans (fetch counts per service and pretty text) for the same operations."""
    require_node()
    payload = {
        "supergraph": (FIXTURES / f"{name}.graphql").read_text(),
        "operations": [{"query": q, "operationName": None} for q in queries],
    }
    completed = subprocess.run(
        ["node", "query-plan.mjs"],
        cwd=NODE_DIR,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    results: list[dict[str, object]] = json.loads(completed.stdout)
    return results


def plan_text(name: str, query: str) -> str:
    return print_plan(plan(name, query))


def expected(text: str) -> str:
    return dedent(text).strip()


def assert_fetch_counts_match_apollo(name: str, cases: dict[str, str]) -> None:
    """Same number of fetches per subgraph as Apollo's planner, case by case."""
    queries = [dedent(query).strip() for query in cases.values()]
    theirs = apollo_plans(name, queries)
    mismatches = {}
    for case, query, apollo in zip(cases, queries, theirs, strict=True):
        assert "error" not in apollo, (case, apollo)
        ours = dict(fetch_counts(plan(name, query).node))
        if ours != apollo["fetches"]:
            mismatches[case] = {"ours": ours, "apollo": apollo["fetches"], "apollo_plan": apollo["plan"]}
    assert not mismatches, json.dumps(mismatches, indent=2)
