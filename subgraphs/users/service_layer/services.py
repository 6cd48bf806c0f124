"""What resolvers and event handlers of the users service reach through `info.context.services`."""

from __future__ import annotations

from dataclasses import dataclass

from subgraphs.users.service_layer.accounts import AccountService
from subgraphs.users.service_layer.clock import Clock
from subgraphs.users.service_layer.reviews import ReviewService

__all__ = ["UsersServices"]


@dataclass(frozen=True)
class UsersServices:
    accounts: AccountService
    reviews: ReviewService
    clock: Clock
