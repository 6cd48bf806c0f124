"""`__schema` and `__type` at the root, answered from the API schema by graphql-core itself."""

from __future__ import annotations

from typing import Any

from graphql import DocumentNode, FieldNode, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, execute_sync

from router.execution.projection import INTROSPECTION_FIELDS
from router.execution.types import JSONObject
from router.server.normalisation import NormalisedOperation

__all__ = ["resolve_introspection"]


def resolve_introspection(
    api_schema: GraphQLSchema, operation: NormalisedOperation, variables: dict[str, Any]
) -> tuple[JSONObject, list[JSONObject]]:
    """Values of the root introspection fields by response key, and any errors."""
    selections = tuple(
        s
        for s in operation.operation.selection_set.selections
        if isinstance(s, FieldNode) and s.name.value in INTROSPECTION_FIELDS
    )
    if not selections:
        return {}, []
    only_introspection = OperationDefinitionNode(
        operation=operation.operation.operation,
        name=operation.operation.name,
        variable_definitions=operation.operation.variable_definitions,
        directives=operation.operation.directives,
        selection_set=SelectionSetNode(selections=selections),
    )
    document = DocumentNode(definitions=(only_introspection, *operation.fragments.values()))
    result = execute_sync(api_schema, document, variable_values=variables)
    errors = [e.formatted for e in result.errors or ()]
    return dict(result.data or {}), [dict(e) for e in errors]
