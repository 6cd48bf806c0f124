"""Root query fields of the users subgraph."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.federation.schema_directives import Authenticated
from strawberry.types import Info

from subgraphs.users.graphql.loaders import users_by_id
from subgraphs.users.graphql.request import Context
from subgraphs.users.graphql.types import User

__all__ = ["Query"]


@strawberry.type
class Query:
    @strawberry.field(
        description="The signed-in user. Through the router an anonymous viewer gets null with UNAUTHORIZED_FIELD_OR_TYPE.",
        directives=[Authenticated()],
    )
    async def me(self, info: Info[Context, Any]) -> User | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        user = await users_by_id(info).load(viewer.user_id)
        return User.from_domain(user) if user is not None else None

    @strawberry.field(description="A user by id; null when there is none.")
    async def user(self, info: Info[Context, Any], id: strawberry.ID) -> User | None:
        user = await users_by_id(info).load(str(id))
        return User.from_domain(user) if user is not None else None
