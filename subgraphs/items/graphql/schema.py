"""The items subgraph schema (Strawberry federation v2)."""

from __future__ import annotations

from gamja.subgraph.schema import SubgraphSchema, build_schema
from subgraphs.items.graphql.mutations import Mutation
from subgraphs.items.graphql.queries import Query
from subgraphs.items.graphql.types import Item, User

__all__ = ["build_items_schema"]


def build_items_schema() -> SubgraphSchema:
    return build_schema(query=Query, mutation=Mutation, types=[Item, User])
