"""Stage: plan the normalised operation, once per distinct operation (cached by hash, bounded in bytes)."""

from __future__ import annotations

from typing import Protocol

from graphql import DocumentNode, FieldNode

from router.execution.projection import INTROSPECTION_FIELDS
from router.planning.plan_nodes import QueryPlan
from router.server.lru import LRU, digest
from router.server.normalisation import NormalisedOperation

__all__ = ["PlanCache", "Planner"]

_ROUTER_ANSWERED = INTROSPECTION_FIELDS | {"__typename"}
# A plan holds subgraph operations of about the client's operation's size, a few times over.
_PLAN_BYTES_PER_CHAR = 64


class Planner(Protocol):
    def plan(self, document: DocumentNode, operation_name: str | None) -> QueryPlan: ...


class PlanCache:
    def __init__(self, planner: Planner, max_entries: int = 1000, max_bytes: int = 32 * 1024 * 1024) -> None:
        self._planner = planner
        self._plans: LRU[QueryPlan] = LRU(max_entries, max_bytes)
        # Read by the metrics at scrape time.
        self.hits = 0
        self.misses = 0

    def plan(self, operation: NormalisedOperation) -> QueryPlan:
        key = digest(operation.key)
        plan = self._plans.get(key)
        if plan is not None:
            self.hits += 1
        else:
            self.misses += 1
            plan = (
                QueryPlan(node=None)
                if _answered_by_router(operation)
                else self._planner.plan(operation.document, operation.name)
            )
            self._plans.put(key, plan, _PLAN_BYTES_PER_CHAR * len(operation.key))
        return plan

    def __len__(self) -> int:
        return len(self._plans)


def _answered_by_router(operation: NormalisedOperation) -> bool:
    """Only `__typename`, `__schema` and `__type` at the root: no subgraph is involved."""
    selections = operation.operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in _ROUTER_ANSWERED for s in selections)
