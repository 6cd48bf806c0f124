"""Stage: check the client's variables against the operation, and fill in defaults.

Subgraphs receive the client's own JSON values (defaults added), as Apollo does; coercion here
only decides whether the request may run.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLSchema, OperationDefinitionNode, value_from_ast_untyped
from graphql.execution.values import get_variable_values

from gamja.redaction import without_input_values
from router.execution.errors import graphql_error
from router.server.errors import RequestError

__all__ = ["coerce_variables"]


def coerce_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: dict[str, Any]
) -> dict[str, Any]:
    definitions = operation.variable_definitions or ()
    if not definitions:
        return {}
    coerced = get_variable_values(schema, definitions, inputs)
    if isinstance(coerced, list):
        # Messages without the values: a client's variables may hold a password.
        errors = [
            graphql_error(without_input_values(e.message), extensions={"code": "BAD_USER_INPUT"}) for e in coerced
        ]
        raise RequestError(400, errors, in_document=True)
    values: dict[str, Any] = {}
    for definition in definitions:
        name = definition.variable.name.value
        if name in inputs:
            values[name] = inputs[name]
        elif definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    return values
