"""Refuses a request whose variables hold a lone UTF-16 surrogate before any resolver sees it.

JSON may escape half a surrogate pair (`"\\ud800"`); Python decodes it into a `str` no database, log or
JSON encoder can write. One check at the door gives every field the same BAD_USER_INPUT, naming the
variable and never echoing its value (it may be a password).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from gamja.errors import BadUserInput
from gamja.text import find_lone_surrogate

__all__ = ["LoneSurrogateGuard"]


class LoneSurrogateGuard(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        where = find_lone_surrogate(context.variables or {})
        if where is None and context.query and find_lone_surrogate(context.query) is not None:
            where = "query"
        if where is not None:
            error = BadUserInput(
                f"`{where}` contains a broken character (a lone UTF-16 surrogate, e.g. `\\ud800`); "
                "send valid Unicode text.",
                field=where,
            )
            context.result = ExecutionResult(data=None, errors=[GraphQLError(error.message, original_error=error)])
        yield
