"""The search subgraph's federation schema."""

from __future__ import annotations

from gamja.subgraph.schema import SubgraphSchema, build_schema
from subgraphs.search.graphql.queries import Query
from subgraphs.search.graphql.types import Item

__all__ = ["build_search_schema"]


def build_search_schema() -> SubgraphSchema:
    return build_schema(query=Query, types=[Item])
