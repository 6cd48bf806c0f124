"""Stage 1: parse the operation text."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLSyntaxError, parse

from router.server.errors import RequestError, error_from

__all__ = ["parse_operation"]


def parse_operation(query: str) -> DocumentNode:
    try:
        return parse(query)
    except GraphQLSyntaxError as exc:
        raise RequestError(400, [error_from(exc, "GRAPHQL_PARSE_FAILED")]) from None
