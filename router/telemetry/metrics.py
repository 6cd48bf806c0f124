"""Prometheus metrics of one router, in a registry of its own (served at `/metrics`).

Counters and histograms are updated as requests and fetches end; the state of breakers, instances
and the plan cache is read from the router when Prometheus scrapes, so it is never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from router.execution.breaker import BreakerState
from router.execution.fetcher import SubgraphState

__all__ = ["BREAKER_VALUES", "RouterMetrics", "RouterSnapshot"]

BREAKER_VALUES = {BreakerState.CLOSED: 0, BreakerState.HALF_OPEN: 1, BreakerState.OPEN: 2}
# Router requests span a fast plan-cache hit to a slow subgraph: buckets from 2.5 ms to 30 s.
_BUCKETS = (0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True, slots=True)
class RouterSnapshot:
    """What the router is right now, read at scrape time."""

    supergraph_loaded: bool
    supergraph_generation: int
    plan_cache_hits: int
    plan_cache_misses: int
    subgraphs: Sequence[SubgraphState]


class _StateCollector(Collector):
    def __init__(self, snapshot: Callable[[], RouterSnapshot]) -> None:
        self._snapshot = snapshot

    def collect(self) -> Iterable[Metric]:
        now = self._snapshot()
        yield GaugeMetricFamily(
            "gamja_router_supergraph_loaded", "1 when a supergraph is being served", value=int(now.supergraph_loaded)
        )
        yield GaugeMetricFamily(
            "gamja_router_supergraph_generation",
            "How many supergraphs were swapped in since start",
            value=now.supergraph_generation,
        )
        # Counted per supergraph: a new supergraph starts a new plan cache, which Prometheus sees as a reset.
        lookups = CounterMetricFamily("gamja_router_plan_cache_lookups", "Plan cache lookups", labels=["result"])
        lookups.add_metric(["hit"], now.plan_cache_hits)
        lookups.add_metric(["miss"], now.plan_cache_misses)
        yield lookups
        breaker = GaugeMetricFamily(
            "gamja_router_subgraph_breaker_state",
            "Circuit breaker of a subgraph: 0 closed, 1 half-open (some instances cut off), 2 open (all)",
            labels=["subgraph"],
        )
        instances = GaugeMetricFamily("gamja_router_subgraph_instances", "Known instances", labels=["subgraph"])
        available = GaugeMetricFamily(
            "gamja_router_subgraph_available_instances",
            "Instances whose breaker lets requests through",
            labels=["subgraph"],
        )
        for state in now.subgraphs:
            breaker.add_metric([state.name], BREAKER_VALUES[state.breaker])
            instances.add_metric([state.name], state.instances)
            available.add_metric([state.name], state.available)
        yield from (breaker, instances, available)


class RouterMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "gamja_router_requests",
            "GraphQL requests by operation type and outcome (success, partial, error)",
            ["operation_type", "outcome"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "gamja_router_request_duration_seconds",
            "Time to answer a GraphQL request",
            ["operation_type"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.fetches = Counter(
            "gamja_router_subgraph_fetches",
            'Subgraph fetches by outcome ("ok" or the failure code)',
            ["subgraph", "outcome"],
            registry=self.registry,
        )
        self.fetch_seconds = Histogram(
            "gamja_router_subgraph_fetch_duration_seconds",
            "Time of one subgraph fetch, retries included",
            ["subgraph"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.subgraph_errors = Counter(
            "gamja_router_subgraph_errors",
            "Errors in subgraph answers (their own and the router's on their behalf), by code",
            ["subgraph", "code"],
            registry=self.registry,
        )
        self.dedup_hits = Counter(
            "gamja_router_subgraph_dedup_hits",
            "Subgraph queries answered by an identical one already in flight",
            ["subgraph"],
            registry=self.registry,
        )

    def watch(self, snapshot: Callable[[], RouterSnapshot]) -> None:
        self.registry.register(_StateCollector(snapshot))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
