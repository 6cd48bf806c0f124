"""Builds a subgraph's Strawberry federation v2 schema with the project's conventions switched on."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from datetime import datetime
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from gamja.subgraph.errors import convert_error
from gamja.subgraph.scalars import DATETIME
from gamja.subgraph.text_guard import LoneSurrogateGuard

__all__ = ["SubgraphSchema", "build_schema"]


class SubgraphSchema(strawberry.federation.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # convert_error logs what matters (internal errors with their trace) when the response is built;
        # client mistakes are not server errors and would only drown the log.
        return None

    async def stream(self, *args: Any, **kwargs: Any) -> Any:
        """Over WebSockets too (subscriptions), every error reaches the client with its `extensions.code`."""
        return _with_converted_errors(await super().stream(*args, **kwargs))


async def _with_converted_errors(source: AsyncGenerator[Any]) -> AsyncGenerator[Any]:
    async with aclosing(source):
        async for result in source:
            if result.errors:
                result.errors = [convert_error(error) for error in result.errors]
            yield result


def build_schema(
    *,
    query: type,
    mutation: type | None = None,
    subscription: type | None = None,
    types: Iterable[type] = (),
    federation_version: Any = "2.11",
) -> SubgraphSchema:
    return SubgraphSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=list(types),
        # Factories: a fresh extension per request; both caches live at module level and are shared.
        extensions=[
            lambda: ParserCache(maxsize=1000),
            lambda: ValidationCache(maxsize=1000),
            LoneSurrogateGuard,
        ],
        federation_version=federation_version,
        config=StrawberryConfig(scalar_map={datetime: DATETIME}),
    )
