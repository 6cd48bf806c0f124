"""Choosing which instance of a subgraph serves the next request.

Only instances whose breaker lets requests through are candidates. `round_robin` takes them in turn;
`least_outstanding` takes the one with the fewest requests in flight (ties in turn), which moves traffic
away from a replica that has become slow before its breaker ever opens. A request that should not be a
half-open probe (a mutation: a probe that fails once sent is not sent again) goes to a half-open instance
only when no closed one can take it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from yarl import URL

from router.execution.breaker import BreakerPolicy, BreakerState, CircuitBreaker

__all__ = ["Balancer", "BalancingStrategy", "Instance", "has_spare"]

BalancingStrategy = Literal["round_robin", "least_outstanding"]


@dataclass(eq=False, slots=True)
class Instance:
    """One reachable address of a subgraph, with its own breaker and in-flight count."""

    service_name: str
    url: str
    parsed_url: URL | None  # None: the URL does not parse, reported on each request like a refused connection
    breaker: CircuitBreaker
    outstanding: int = 0

    @classmethod
    def create(cls, service_name: str, url: str, breaker_policy: BreakerPolicy) -> Instance:
        # Parsed once: yarl parsing a URL string on every request is measurable at the router's rate.
        try:
            parsed: URL | None = URL(url)
        except ValueError:
            parsed = None
        return cls(service_name, url, parsed, CircuitBreaker(f"{service_name} at {url}", breaker_policy))


@dataclass(slots=True)
class Balancer:
    strategy: BalancingStrategy = "round_robin"
    _turn: int = field(default=0)

    def choose(
        self, instances: Sequence[Instance], exclude: Collection[Instance] = (), *, probe: bool = True
    ) -> Instance | None:
        """The next instance to use (its breaker already acquired), or None when none will take it.

        `probe=False`: a half-open instance only when no closed one is among the candidates."""
        candidates = [i for i in instances if i not in exclude and i.breaker.available()]
        if not probe:
            candidates = [i for i in candidates if i.breaker.state is BreakerState.CLOSED] or candidates
        if not candidates:
            return None
        self._turn += 1
        start = self._turn % len(candidates)
        ordered = candidates[start:] + candidates[:start]
        if self.strategy == "least_outstanding":
            ordered.sort(key=lambda instance: instance.outstanding)  # stable: ties stay in turn
        for instance in ordered:
            if instance.breaker.acquire():
                return instance
        return None


def has_spare(instances: Sequence[Instance], instance: Instance) -> bool:
    """Whether another instance would take requests now, so that ejecting this one leaves the subgraph served."""
    return any(other is not instance and other.breaker.available() for other in instances)
