"""The chat subgraph schema."""

from __future__ import annotations

from gamja.subgraph.schema import SubgraphSchema, build_schema
from subgraphs.chat.graphql.mutations import Mutation
from subgraphs.chat.graphql.queries import Query
from subgraphs.chat.graphql.subscriptions import Subscription
from subgraphs.chat.graphql.types import ChatRoom, Item, User

__all__ = ["build_chat_schema"]


def build_chat_schema() -> SubgraphSchema:
    return build_schema(query=Query, mutation=Mutation, subscription=Subscription, types=[ChatRoom, Item, User])
