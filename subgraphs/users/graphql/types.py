"""The GraphQL types of the users subgraph: the `User` entity, sign-in payloads and reviews."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet
from strawberry.types import Info

from gamja.errors import NotFound
from gamja.subgraph.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from subgraphs.users.domain import reviews as review_model
from subgraphs.users.domain import users as user_model
from subgraphs.users.graphql.loaders import manner_scores, users_by_id
from subgraphs.users.graphql.request import Context

__all__ = ["AuthPayload", "Item", "Review", "ReviewConnection", "ReviewEdge", "ReviewerSide", "Role", "User"]

# Tags the reviews cursors so a cursor from another list is refused rather than misread.
_REVIEWS = "review"


@strawberry.enum(description="What a user may do: every account is a USER; ADMIN accounts are made from the CLI.")
class Role(Enum):
    USER = "USER"
    ADMIN = "ADMIN"


@strawberry.enum(description="Which side of the sale wrote a review.")
class ReviewerSide(Enum):
    BUYER = "BUYER"
    SELLER = "SELLER"


# A reference to an item of the items subgraph (no description: the owner of the type gives it).
@strawberry.federation.type(keys=[Key(fields=FieldSet("id"), resolvable=False)])
class Item:
    id: strawberry.ID


@strawberry.federation.type(keys=["id"], description="A person on Gamja Market.")
class User:
    id: strawberry.ID
    nickname: str
    region: str = strawberry.field(description="Home neighbourhood, e.g. `서울 마포구 망원동`.")
    created_at: datetime
    roles: list[Role]
    private_email: strawberry.Private[str]
    # Set when the user is the one who just signed in (the request itself is still anonymous).
    reveal_email: strawberry.Private[bool] = False

    @classmethod
    def from_domain(cls, user: user_model.User, *, reveal_email: bool = False) -> User:
        return cls(
            id=strawberry.ID(user.id),
            nickname=user.nickname,
            region=user.region,
            created_at=user.created_at,
            roles=[Role(role) for role in user_model.ROLES if role in user.roles],
            private_email=user.email,
            reveal_email=reveal_email,
        )

    @classmethod
    async def resolve_reference(
        cls, info: Info[Context, Any], id: strawberry.ID, **_representation: Any
    ) -> User | None:
        user = await users_by_id(info).load(str(id))
        return cls.from_domain(user) if user is not None else None

    @strawberry.field(description="Only the user themself and admins see it; null for everyone else.")
    def email(self, info: Info[Context, Any]) -> str | None:
        if self.reveal_email:
            return self.private_email
        viewer = info.context.viewer
        return self.private_email if viewer is not None and viewer.may_act_for(str(self.id)) else None

    @strawberry.field(
        description="Manner temperature: starts at 36.5 and moves 0.5 per star above or below 3 in each review received."
    )
    async def manner_score(self, info: Info[Context, Any]) -> float:
        return await manner_scores(info).load(str(self.id))

    @strawberry.field(description="Reviews this user received after sales, newest first.")
    async def reviews(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> ReviewConnection:
        size = page_size(first)
        page = await info.context.services.reviews.reviews_received(
            str(self.id), first=size, after=decode_cursor(_REVIEWS, after) if after else None
        )
        edges = [
            ReviewEdge(cursor=encode_cursor(_REVIEWS, r.created_at, r.id), node=Review.from_domain(r))
            for r in page.reviews
        ]
        return ReviewConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=page.total_count,
        )


async def _user(info: Info[Context, Any], user_id: str) -> User:
    user = await users_by_id(info).load(user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    return User.from_domain(user)


@strawberry.type(description="A review one side of a completed sale left about the other.")
class Review:
    id: strawberry.ID
    rating: int = strawberry.field(description="1 to 5 stars.")
    comment: str
    side: ReviewerSide = strawberry.field(description="The author's side of the sale.")
    created_at: datetime
    author_id: strawberry.Private[str]
    subject_id: strawberry.Private[str]
    item_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, review: review_model.Review) -> Review:
        return cls(
            id=strawberry.ID(review.id),
            rating=review.rating,
            comment=review.comment,
            side=ReviewerSide(review.side.value),
            created_at=review.created_at,
            author_id=review.author_id,
            subject_id=review.subject_id,
            item_id=review.item_id,
        )

    @strawberry.field(description="Who wrote the review.")
    async def author(self, info: Info[Context, Any]) -> User:
        return await _user(info, self.author_id)

    @strawberry.field(description="Who the review is about (the other side of the sale).")
    async def subject(self, info: Info[Context, Any]) -> User:
        return await _user(info, self.subject_id)

    @strawberry.field(description="The item that was sold.")
    def item(self) -> Item:
        return Item(id=strawberry.ID(self.item_id))


@strawberry.type
class ReviewEdge:
    cursor: str
    node: Review


@strawberry.type
class ReviewConnection:
    edges: list[ReviewEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="What signing up or logging in returns: send `token` as `Authorization: Bearer <token>`.")
class AuthPayload:
    token: str
    user: User
