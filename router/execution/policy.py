"""How the router treats its subgraphs: time limits, breakers, deduplication, balancing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from router.execution.balancer import BalancingStrategy
from router.execution.breaker import BreakerPolicy

__all__ = ["DEFAULT_SUBGRAPH_TIMEOUT", "FetchPolicy"]

DEFAULT_SUBGRAPH_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """`timeout` bounds one whole subgraph request (connect, send, read the body); `timeouts` overrides it
    per subgraph. `connect_timeout` bounds opening a connection alone, so an instance cut off the network
    fails fast and a query moves to another replica instead of waiting the whole `timeout`."""

    timeout: float = DEFAULT_SUBGRAPH_TIMEOUT
    timeouts: Mapping[str, float] = field(default_factory=dict)
    connect_timeout: float | None = None
    breaker: BreakerPolicy = field(default_factory=BreakerPolicy)
    dedup_queries: bool = True
    balancing: BalancingStrategy = "round_robin"

    def timeout_for(self, service_name: str) -> float:
        return self.timeouts.get(service_name, self.timeout)
