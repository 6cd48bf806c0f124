"""The users subgraph schema."""

from __future__ import annotations

from gamja.subgraph.schema import SubgraphSchema, build_schema
from subgraphs.users.graphql.mutations import Mutation
from subgraphs.users.graphql.queries import Query
from subgraphs.users.graphql.types import User

__all__ = ["build_users_schema"]


def build_users_schema() -> SubgraphSchema:
    return build_schema(query=Query, mutation=Mutation, types=[User])
