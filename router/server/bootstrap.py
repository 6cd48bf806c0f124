"""Composition root: wires supergraph, planner, fetcher, executor and pipeline into an app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from starlette.applications import Starlette

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.policy import FetchPolicy
from router.execution.schema_info import SupergraphSchemaInfo
from router.execution.types import JSONObject
from router.planning import QueryPlanner, plan_to_json, print_plan
from router.planning.plan_nodes import QueryPlan
from router.server.app import build_app
from router.server.pipeline import Pipeline
from router.supergraph import Supergraph

__all__ = ["create_app", "explain_plan"]


def create_app(
    supergraph_sdl: str,
    *,
    policy: FetchPolicy | None = None,
    instances: Mapping[str, Sequence[str]] | None = None,
    cors_origins: Sequence[str] = ("*",),
) -> Starlette:
    """`instances`: the URLs of a subgraph's replicas, in place of the one URL the supergraph names."""
    supergraph = Supergraph.from_sdl(supergraph_sdl)
    urls = {name: [supergraph.subgraph_url(name)] for name in supergraph.subgraph_names}
    fetcher = SubgraphFetcher({**urls, **(instances or {})}, policy=policy)
    executor = PlanExecutor(fetcher, schema_info=SupergraphSchemaInfo(supergraph))
    pipeline = Pipeline(supergraph.api_schema, QueryPlanner(supergraph), executor, explain_plan)
    return build_app(pipeline, supergraph_sdl, on_shutdown=fetcher.aclose, cors_origins=cors_origins)


def explain_plan(plan: QueryPlan) -> JSONObject:
    return {"text": print_plan(plan), "json": plan_to_json(plan)}
