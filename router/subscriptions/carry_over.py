"""Whether an open subscription survives a supergraph swap, and what it runs on from then on.

A subscription started on one supergraph keeps its subgraph stream across a swap when nothing it relies
on changed: the operation still validates and plans on the new supergraph, to the same plan (same
subgraphs, same fetches), and every field it selects has the same type and arguments as before. Then its
remaining events are completed by the new supergraph's executor. Otherwise it is one of the affected
subscriptions, and its client hears `SUBSCRIPTION_SUPERGRAPH_CHANGED`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLSchema,
    TypeInfo,
    Visitor,
    get_named_type,
    is_enum_type,
    visit,
)
from graphql.utilities import TypeInfoVisitor

from router.planning.plan_nodes import QueryPlan
from router.server.errors import RequestError
from router.server.normalisation import NormalisedOperation
from router.server.pipeline import Pipeline
from router.server.request import GraphQLRequest

__all__ = ["Prepared", "carry_over"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A subscription as one supergraph's pipeline prepared it."""

    pipeline: Pipeline
    operation: NormalisedOperation
    variables: dict[str, Any]
    plan: QueryPlan


def carry_over(request: GraphQLRequest, headers: Mapping[str, str], old: Prepared, new: Pipeline) -> Prepared | None:
    """The subscription prepared on `new` (its viewer authorized again), or None when the swap affects it."""
    try:
        operation, variables, plan = new.prepare(request, headers)
    except RequestError:
        return None
    if plan != old.plan:
        return None
    if _signature(old.pipeline.api_schema, old.operation) != _signature(new.api_schema, operation):
        return None
    return Prepared(new, operation, variables, plan)


def _signature(schema: GraphQLSchema, operation: NormalisedOperation) -> frozenset[str]:
    """Every field the operation selects, as `Type.field(args): Type`, and the values of the enums it returns.

    Two schemas that give an operation the same signature give its events the same shape.
    """
    seen: set[str] = set()
    type_info = TypeInfo(schema)

    class Fields(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            parent, definition = type_info.get_parent_type(), type_info.get_field_def()
            if parent is None or definition is None:
                return
            arguments = ",".join(f"{name}:{argument.type}" for name, argument in sorted(definition.args.items()))
            seen.add(f"{parent.name}.{node.name.value}({arguments}):{definition.type}")
            named = get_named_type(definition.type)
            if is_enum_type(named):
                seen.add(f"{named.name}={sorted(named.values)}")

    for definition in (operation.operation, *operation.fragments.values()):
        visit(definition, TypeInfoVisitor(type_info, Fields()))
    return frozenset(seen)
