"""Composition root: wires supergraph, planner, fetcher, executor and pipeline into an app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

from graphql import parse
from starlette.applications import Starlette

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.policy import FetchPolicy
from router.execution.schema_info import SupergraphSchemaInfo
from router.execution.types import JSONObject
from router.planning import QueryPlanner, plan_to_json, print_plan
from router.planning.plan_nodes import QueryPlan
from router.server.access import AccessRules, Identify
from router.server.app import build_app
from router.server.config import FrontDoorConfig
from router.server.cost import CostDirectives
from router.server.persisted import read_manifest
from router.server.pipeline import Pipeline
from router.server.serving import Served, ServingSupergraph
from router.subscriptions.limits import SubscriptionLimits
from router.subscriptions.loop import SubscriptionGateway
from router.subscriptions.server import SubscriptionServer
from router.subscriptions.transports.common import Authenticate
from router.supergraph import Supergraph
from router.telemetry import Telemetry
from router.telemetry.metrics import RouterSnapshot

__all__ = ["RouterCore", "create_app", "explain_plan"]


class RouterCore:
    """One fetcher (connection pool, breakers) for the router's life, and the supergraph it serves now.

    `load` builds a planner and pipeline for a supergraph and swaps it in; the fetcher stays, so a new
    supergraph keeps the breakers and connections of the subgraphs it still has.
    """

    def __init__(
        self,
        *,
        policy: FetchPolicy | None = None,
        telemetry: Telemetry | None = None,
        subscription_limits: SubscriptionLimits | None = None,
        authenticate: Authenticate | None = None,
        identify: Identify | None = None,
        config: FrontDoorConfig | None = None,
    ) -> None:
        self.config = config or FrontDoorConfig()
        self._identify = identify
        self._trusted_documents = (
            read_manifest(self.config.trusted_documents) if self.config.trusted_documents else None
        )
        self.telemetry = telemetry or Telemetry()
        self.fetcher = SubgraphFetcher({}, policy=policy, observer=self.telemetry.observer)
        self.serving = ServingSupergraph()
        self.subscriptions = SubscriptionServer(
            SubscriptionGateway(self.serving, self.fetcher, subscription_limits or SubscriptionLimits()),
            authenticate=authenticate,
        )
        self.telemetry.watch(self.snapshot)

    def snapshot(self) -> RouterSnapshot:
        served = self.serving.current
        plans = served.pipeline.plans if served is not None else None
        return RouterSnapshot(
            supergraph_loaded=served is not None,
            supergraph_generation=self.serving.generation,
            plan_cache_hits=plans.hits if plans else 0,
            plan_cache_misses=plans.misses if plans else 0,
            subgraphs=self.fetcher.states(),
        )

    def load(
        self,
        supergraph_sdl: str,
        instances: Mapping[str, Sequence[str]] | None = None,
        *,
        hints: Sequence[str] = (),
    ) -> Pipeline:
        """Serve this supergraph from now on. `instances`: each subgraph's replica URLs, in place of the
        one URL the supergraph names. Raises (and keeps the current one) when the SDL does not load."""
        supergraph = Supergraph.from_sdl(supergraph_sdl)
        names = tuple(supergraph.subgraph_names)
        executor = PlanExecutor(self.fetcher, schema_info=SupergraphSchemaInfo(supergraph))
        document = parse(supergraph_sdl, no_location=True)
        pipeline = Pipeline(
            supergraph.api_schema,
            QueryPlanner(supergraph),
            executor,
            explain_plan,
            config=self.config,
            cost_directives=CostDirectives.read(document),
            access_rules=AccessRules.read(document),
            identify=self._identify,
            trusted_documents=self._trusted_documents,
        )
        self.fetcher.retain(names)
        for name in names:
            urls = (instances or {}).get(name) or [supergraph.subgraph_url(name)]
            self.fetcher.set_instances(name, urls)
        self.serving.swap(Served.of(pipeline, supergraph_sdl, names, tuple(hints)))
        return pipeline

    def app(
        self,
        *,
        on_startup: Callable[[], Awaitable[None]] | None = None,
    ) -> Starlette:
        async def shutdown() -> None:
            await self.fetcher.aclose()
            await self.telemetry.aclose()

        return build_app(
            self.serving,
            self.fetcher,
            on_startup=on_startup,
            on_shutdown=shutdown,
            config=self.config,
            extra_routes=self.telemetry.routes(),
            outer_middleware=[self.telemetry.middleware()],
            subscriptions=self.subscriptions,
        )


def create_app(
    supergraph_sdl: str,
    *,
    subscription_limits: SubscriptionLimits | None = None,
    authenticate: Authenticate | None = None,
    identify: Identify | None = None,
    policy: FetchPolicy | None = None,
    instances: Mapping[str, Sequence[str]] | None = None,
    telemetry: Telemetry | None = None,
    config: FrontDoorConfig | None = None,
) -> Starlette:
    """The router over one fixed supergraph (`python -m router --supergraph FILE`, tests). `identify`
    reads a viewer's access from its token; without it every viewer is anonymous."""
    core = RouterCore(
        policy=policy,
        telemetry=telemetry,
        subscription_limits=subscription_limits,
        authenticate=authenticate,
        identify=identify,
        config=config,
    )
    pipeline = core.load(supergraph_sdl, instances)
    app = core.app()
    app.state.pipeline = pipeline  # for operators' tools and tests: the caches' sizes
    return app


def explain_plan(plan: QueryPlan) -> JSONObject:
    return {"text": print_plan(plan), "json": plan_to_json(plan)}
