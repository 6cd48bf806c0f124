"""Stage: validate the document against the client-facing API schema."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLSchema, validate

from router.server.errors import RequestError, error_from

__all__ = ["validate_operation"]


def validate_operation(api_schema: GraphQLSchema, document: DocumentNode) -> None:
    errors = validate(api_schema, document)
    if errors:
        raise RequestError(400, [error_from(e, "GRAPHQL_VALIDATION_FAILED") for e in errors], in_document=True)
