"""The comments subgraph schema."""

from __future__ import annotations

from gamja.subgraph.schema import SubgraphSchema, build_schema
from subgraphs.comments.graphql.mutations import Mutation
from subgraphs.comments.graphql.queries import Query
from subgraphs.comments.graphql.types import Comment, Item, User

__all__ = ["build_comments_schema"]


def build_comments_schema() -> SubgraphSchema:
    return build_schema(query=Query, mutation=Mutation, types=[Comment, Item, User])
