"""The query planner. Pure; build one per supergraph and call `plan` per operation.

Phases, one module each: `operation` (normalise: fragments inlined) → `walker` (walk the
operation; `subgraph_choice` picks owners and key routes, `ownership` answers who resolves what)
filling a `fetch_graph` of groups with dependencies → `plan_builder` (subgraph operations and
Sequence/Parallel/Flatten nodes), with its passes: `response_shapes` (aliases that keep each subgraph
operation valid in that subgraph, renamed back by the executor) and `batching` (same-subgraph entity
fetches of one stage as one BatchFetch request). `printer` shows the result.
"""

from __future__ import annotations

from graphql import DocumentNode, OperationType

from router.planning.field_sets import InternalAliases, client_aliases
from router.planning.operation import PlanningError, fragments_of, from_selection_set, select_operation
from router.planning.ownership import Ownership
from router.planning.plan_builder import build_plan_node
from router.planning.plan_nodes import FetchNode, PlanNode, QueryPlan, SequenceNode, SubscriptionNode
from router.planning.walker import Walker
from router.supergraph import Supergraph

__all__ = ["QueryPlanner"]


class QueryPlanner:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self._ownership = Ownership(supergraph)

    def plan(self, document: DocumentNode, operation_name: str | None = None) -> QueryPlan:
        """Plan an operation already validated against the API schema."""
        operation = select_operation(document, operation_name)
        root = self.supergraph.schema.get_root_type(operation.operation)
        if root is None:
            raise PlanningError(f"the supergraph has no {operation.operation.value} type")
        selections = from_selection_set(operation.selection_set, fragments_of(document))
        aliases = InternalAliases(client_aliases(selections))
        walker = Walker(self._ownership, self.supergraph.subgraph_names, aliases)
        walker.walk_root(root.name, selections, serial=operation.operation == OperationType.MUTATION)
        node = build_plan_node(operation, walker.fetch_graph, root.name, self._ownership)
        if operation.operation == OperationType.SUBSCRIPTION:
            return QueryPlan(node=subscription_node(node))
        return QueryPlan(node=node)


def subscription_node(node: PlanNode | None) -> SubscriptionNode:
    """Split a subscription's plan into the stream-opening root fetch and what runs per event.

    Validation allows one root field per subscription, so the plan is that field's root fetch, alone or
    first in a sequence of entity fetches.
    """
    if isinstance(node, FetchNode) and node.requires is None:
        return SubscriptionNode(primary=node, rest=None)
    if isinstance(node, SequenceNode) and isinstance(node.nodes[0], FetchNode) and node.nodes[0].requires is None:
        rest = node.nodes[1:]
        return SubscriptionNode(primary=node.nodes[0], rest=rest[0] if len(rest) == 1 else SequenceNode(nodes=rest))
    raise PlanningError("a subscription must start with one root fetch from the subgraph that owns its field")
