"""Stage: run the plan, answer introspection, and shape the client's response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, OperationType

from router.execution.executor import PlanExecutor
from router.execution.projection import project
from router.execution.types import JSONObject
from router.planning.plan_nodes import QueryPlan
from router.server.introspection import resolve_introspection
from router.server.normalisation import NormalisedOperation

__all__ = ["execute_operation"]


async def execute_operation(
    api_schema: GraphQLSchema,
    executor: PlanExecutor,
    operation: NormalisedOperation,
    plan: QueryPlan,
    variables: dict[str, Any],
    headers: Mapping[str, str],
    *,
    event: JSONObject | None = None,
) -> JSONObject:
    """`event`: one subscription event (`data`, `errors`) the plan completes with entity fetches."""
    introspection, introspection_errors = resolve_introspection(api_schema, operation, variables)
    seed = event.get("data") if event is not None else None
    result = await executor.execute(plan, variables, headers=headers, data=seed if isinstance(seed, dict) else None)
    if event is not None and isinstance(event.get("errors"), list):
        result.errors[:0] = event["errors"]
    data, projection_errors = project(
        api_schema,
        operation.operation,
        operation.fragments,
        variables,
        result.data,
        root_type=_root_type(api_schema, operation.kind),
        introspection=introspection,
    )
    errors = [*result.errors, *introspection_errors]
    response: JSONObject = {"data": data}
    if errors:
        # As Apollo Gateway does: once subgraphs reported errors, the nulls they caused in
        # non-null positions are consequences, not news.
        response["errors"] = errors
    elif projection_errors:
        # Nulls nobody explained are reported beside the data, again as Apollo Gateway and Router do.
        response["extensions"] = {
            "valueCompletion": [{**e, "extensions": {"code": "INVALID_GRAPHQL"}} for e in projection_errors]
        }
    return response


def _root_type(schema: GraphQLSchema, kind: OperationType) -> GraphQLObjectType:
    root = schema.get_root_type(kind)
    assert root is not None, "validation rejects operations on a missing root type"
    return root
