"""A request the router refuses before execution, with the HTTP status and GraphQL errors to send."""

from __future__ import annotations

from graphql import GraphQLError

from router.execution.errors import graphql_error
from router.execution.types import JSONObject

__all__ = ["RequestError", "error_from"]


class RequestError(Exception):
    """`status_code` is what `application/graphql-response+json` answers. `in_document` marks errors of a
    well-formed request (parse, validation, variables, limits), which `application/json` answers with
    200, as the GraphQL-over-HTTP spec asks for that legacy media type."""

    def __init__(self, status_code: int, errors: list[JSONObject], *, in_document: bool = False) -> None:
        super().__init__(errors[0]["message"] if errors else "request error")
        self.status_code = status_code
        self.errors = errors
        self.in_document = in_document

    @classmethod
    def single(cls, status_code: int, message: str, code: str, *, in_document: bool = False) -> RequestError:
        return cls(status_code, [graphql_error(message, extensions={"code": code})], in_document=in_document)


def error_from(error: GraphQLError, code: str) -> JSONObject:
    """A graphql-core error as JSON, with its source locations and our code."""
    result: JSONObject = {"message": error.message}
    if error.locations:
        result["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    result["extensions"] = {"code": code}
    return result
