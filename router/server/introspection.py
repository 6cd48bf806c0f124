"""`__schema` and `__type` at the root, answered from the API schema by graphql-core itself."""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    execute_sync,
)

from router.execution.projection import INTROSPECTION_FIELDS
from router.execution.types import JSONObject
from router.server.normalisation import NormalisedOperation

__all__ = ["resolve_introspection"]


def resolve_introspection(
    api_schema: GraphQLSchema, operation: NormalisedOperation, variables: dict[str, Any]
) -> tuple[JSONObject, list[JSONObject]]:
    """Values of the root introspection fields by response key, and any errors."""
    selections = _introspection_only(operation.operation.selection_set, operation)
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
    return dict(result.data or {}), [dict(e.formatted) for e in result.errors or ()]


def _introspection_only(selection_set: SelectionSetNode, operation: NormalisedOperation) -> tuple[SelectionNode, ...]:
    """The root selections reduced to introspection fields, looking through root-level fragments
    (kept as inline fragments so their @skip/@include still apply)."""
    kept: list[SelectionNode] = []
    condition: NamedTypeNode | None
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in INTROSPECTION_FIELDS:
                kept.append(selection)
            continue
        if isinstance(selection, FragmentSpreadNode):
            fragment = operation.fragments.get(selection.name.value)
            if fragment is None:
                continue
            inner, condition = fragment.selection_set, fragment.type_condition
        elif isinstance(selection, InlineFragmentNode):
            inner, condition = selection.selection_set, selection.type_condition
        else:
            continue
        nested = _introspection_only(inner, operation)
        if nested:
            kept.append(
                InlineFragmentNode(
                    type_condition=condition,
                    directives=selection.directives,
                    selection_set=SelectionSetNode(selections=nested),
                )
            )
    return tuple(kept)
