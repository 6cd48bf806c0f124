"""A request the router refuses before execution, with the HTTP status and GraphQL errors to send."""

from __future__ import annotations

from graphql import GraphQLError

from router.execution.errors import graphql_error
from router.execution.types import JSONObject

__all__ = ["RequestError", "error_from"]


class RequestError(Exception):
    def __init__(self, status_code: int, errors: list[JSONObject]) -> None:
        super().__init__(errors[0]["message"] if errors else "request error")
        self.status_code = status_code
        self.errors = errors

    @classmethod
    def single(cls, status_code: int, message: str, code: str) -> RequestError:
        return cls(status_code, [graphql_error(message, extensions={"code": code})])


def error_from(error: GraphQLError, code: str) -> JSONObject:
    """A graphql-core error as JSON, with its source locations and our code."""
    result: JSONObject = {"message": error.message}
    if error.locations:
        result["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    result["extensions"] = {"code": code}
    return result
