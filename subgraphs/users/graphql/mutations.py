"""Root mutation fields of the users subgraph: each builds a call to a use case and shapes its result."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.federation.schema_directives import Authenticated
from strawberry.types import Info

from subgraphs.users.graphql.request import Context, services
from subgraphs.users.graphql.types import AuthPayload, Review, User
from subgraphs.users.service_layer.accounts import SignedIn

__all__ = ["Mutation", "SignUpInput", "UpdateProfileInput"]


@strawberry.input(description="A new account. The email is trimmed and lowercased.")
class SignUpInput:
    email: str
    password: str = strawberry.field(description="At least 8 characters, not the email.")
    nickname: str = strawberry.field(description="2 to 20 characters, unique.")
    region: str = strawberry.field(description="Home neighbourhood, e.g. `서울 마포구 망원동` (at most 50 characters).")


@strawberry.input(description="Profile changes; leave a field out to keep it.")
class UpdateProfileInput:
    nickname: str | None = None
    region: str | None = None


def _payload(signed_in: SignedIn) -> AuthPayload:
    return AuthPayload(token=signed_in.token, user=User.from_domain(signed_in.user, reveal_email=True))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an account and sign in.")
    async def sign_up(self, info: Info[Context, Any], input: SignUpInput) -> AuthPayload:
        signed_in = await services(info).accounts.sign_up(
            email=input.email,
            password=input.password,
            nickname=input.nickname,
            region=input.region,
            client_address=info.context.client_address,
        )
        return _payload(signed_in)

    @strawberry.mutation(description="Sign in. Repeated failures for one email or address are slowed down.")
    async def log_in(self, info: Info[Context, Any], email: str, password: str) -> AuthPayload:
        signed_in = await services(info).accounts.log_in(
            email=email, password=password, client_address=info.context.client_address
        )
        return _payload(signed_in)

    @strawberry.mutation(
        description="Change the signed-in user's nickname and/or region.", directives=[Authenticated()]
    )
    async def update_profile(self, info: Info[Context, Any], input: UpdateProfileInput) -> User:
        viewer = info.context.require_viewer()
        user = await services(info).accounts.update_profile(viewer, nickname=input.nickname, region=input.region)
        return User.from_domain(user)

    @strawberry.mutation(
        description="Change the signed-in user's password; the current one is required. Every token issued so far "
        "stops working, this one included: log in again with the new password.",
        directives=[Authenticated()],
    )
    async def change_password(self, info: Info[Context, Any], old_password: str, new_password: str) -> User:
        viewer = info.context.require_viewer()
        user = await services(info).accounts.change_password(
            viewer, old_password=old_password, new_password=new_password, client_address=info.context.client_address
        )
        return User.from_domain(user)

    @strawberry.mutation(
        description="Sign out on every device: every token of the signed-in user stops working, this one included.",
        directives=[Authenticated()],
    )
    async def sign_out_everywhere(self, info: Info[Context, Any]) -> bool:
        await services(info).accounts.sign_out_everywhere(info.context.require_viewer())
        return True

    @strawberry.mutation(
        description="Review the other side of a completed sale: the buyer reviews the seller and vice versa, once each.",
        directives=[Authenticated()],
    )
    async def leave_review(
        self, info: Info[Context, Any], item_id: strawberry.ID, rating: int, comment: str | None = None
    ) -> Review:
        viewer = info.context.require_viewer()
        review = await services(info).reviews.leave_review(viewer, item_id=str(item_id), rating=rating, comment=comment)
        return Review.from_domain(review)
