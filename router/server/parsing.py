"""Stage: parse the operation text, refusing documents longer than the token limit as the parser meets them."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLSyntaxError, parse

from router.server.errors import RequestError, error_from

__all__ = ["parse_operation"]

_TOKEN_LIMIT_MESSAGE = "tokens. Parsing aborted."


def parse_operation(query: str, *, max_tokens: int) -> DocumentNode:
    try:
        return parse(query, max_tokens=max_tokens)
    except GraphQLSyntaxError as exc:
        if exc.message.endswith(_TOKEN_LIMIT_MESSAGE):
            raise RequestError.single(
                400,
                f"The operation has more than {max_tokens} tokens, the limit of this router.",
                "MAX_TOKENS_LIMIT",
                in_document=True,
            ) from None
        raise RequestError(400, [error_from(exc, "GRAPHQL_PARSE_FAILED")], in_document=True) from None
