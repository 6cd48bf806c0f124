"""Stage: refuse `__schema` and `__type` when introspection is off (production); `__typename` stays allowed."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLSchema, NoSchemaIntrospectionCustomRule, validate

from router.server.errors import RequestError, error_from

__all__ = ["refuse_introspection"]


def refuse_introspection(api_schema: GraphQLSchema, document: DocumentNode) -> None:
    errors = validate(api_schema, document, rules=[NoSchemaIntrospectionCustomRule])
    if errors:
        raise RequestError(400, [error_from(e, "INTROSPECTION_DISABLED") for e in errors], in_document=True)
