"""Turns every error into the public convention: a message a person can act on and `extensions.code`."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from graphql.error import GraphQLSyntaxError

from gamja.errors import GamjaError
from gamja.redaction import without_input_values

__all__ = ["convert_error"]

log = logging.getLogger("gamja.errors")

INTERNAL_MESSAGE = "Something went wrong on our side; the error has been logged. Try again later."


def convert_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    extensions = dict(error.extensions or {})
    message = error.message
    if isinstance(original, GamjaError):
        extensions.update(original.extensions)
        extensions["code"] = original.code
        message = original.message
    elif original is None or isinstance(original, GraphQLError):
        # Parse, validation and variable-coercion errors: the client sent something the schema rejects.
        if "code" not in extensions:
            if isinstance(error, GraphQLSyntaxError):
                extensions["code"] = "GRAPHQL_PARSE_FAILED"
            elif error.path is None and "Variable" in message:
                extensions["code"] = "BAD_USER_INPUT"
                message = without_input_values(message)
            elif error.path is None:
                extensions["code"] = "GRAPHQL_VALIDATION_FAILED"
            else:
                extensions["code"] = "INTERNAL_SERVER_ERROR"
    else:
        # Never leak SQL, stack traces or library messages to a client; the log has them.
        log.error("unhandled error in %s", ".".join(map(str, error.path or [])), exc_info=original)
        extensions = {"code": "INTERNAL_SERVER_ERROR"}
        message = INTERNAL_MESSAGE
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original if isinstance(original, GamjaError) else None,
        extensions=extensions,
    )
