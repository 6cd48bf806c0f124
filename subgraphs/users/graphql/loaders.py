"""Per-request DataLoaders: every user or score asked for in one tick costs one query."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from subgraphs.users.domain.users import User
from subgraphs.users.graphql.request import Context

__all__ = ["manner_scores", "users_by_id"]


def users_by_id(info: Info[Context, Any]) -> DataLoader[str, User | None]:
    return info.context.loader("users.by_id", info.context.services.accounts.users_by_ids)


def manner_scores(info: Info[Context, Any]) -> DataLoader[str, float]:
    return info.context.loader("users.manner_score", info.context.services.reviews.manner_scores)
