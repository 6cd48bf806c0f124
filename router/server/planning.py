"""Stage 5: plan the normalised operation, once per distinct operation (LRU cache)."""

from __future__ import annotations

from typing import Protocol

from graphql import DocumentNode, FieldNode

from router.execution.projection import INTROSPECTION_FIELDS
from router.planning.plan_nodes import QueryPlan
from router.server.lru import LRU
from router.server.normalisation import NormalisedOperation

__all__ = ["PlanCache", "Planner"]

_ROUTER_ANSWERED = INTROSPECTION_FIELDS | {"__typename"}


class Planner(Protocol):
    def plan(self, document: DocumentNode, operation_name: str | None) -> QueryPlan: ...


class PlanCache:
    def __init__(self, planner: Planner, maxsize: int = 1000) -> None:
        self._planner = planner
        self._plans: LRU[str, QueryPlan] = LRU(maxsize)
        # Read by the metrics at scrape time.
        self.hits = 0
        self.misses = 0

    def plan(self, operation: NormalisedOperation) -> QueryPlan:
        plan = self._plans.get(operation.key)
        if plan is not None:
            self.hits += 1
        else:
            self.misses += 1
            plan = (
                QueryPlan(node=None)
                if _answered_by_router(operation)
                else self._planner.plan(operation.document, operation.name)
            )
            self._plans.put(operation.key, plan)
        return plan

    def __len__(self) -> int:
        return len(self._plans)


def _answered_by_router(operation: NormalisedOperation) -> bool:
    """Only `__typename`, `__schema` and `__type` at the root: no subgraph is involved."""
    selections = operation.operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in _ROUTER_ANSWERED for s in selections)
