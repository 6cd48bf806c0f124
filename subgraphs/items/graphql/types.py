"""GraphQL object types of the items subgraph: Item, the User fields contributed here, and connections."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import UNSET

from gamja.errors import Forbidden
from gamja.subgraph.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.domain.snapshot import ItemStatus as DomainStatus
from subgraphs.items.graphql.context import ItemsInfo, given, services
from subgraphs.items.read_model.queries import ItemFilter, ItemPage

__all__ = ["Item", "ItemConnection", "ItemEdge", "ItemStatus", "User", "item_connection", "load_items"]

# Tags the cursors of the newest-first item lists (keyset on bumped_at, id).
_ITEMS = "item"


@strawberry.enum(description="Where a listing is in its life: ON_SALE ⇄ RESERVED → SOLD (SOLD is final).")
class ItemStatus(Enum):
    ON_SALE = "ON_SALE"
    RESERVED = "RESERVED"
    SOLD = "SOLD"

    def to_domain(self) -> DomainStatus:
        return DomainStatus(self.value)


async def load_items(info: ItemsInfo, ids: Sequence[str]) -> list[Item | None]:
    """Items by id through the request's DataLoader: the read store, then the write DB for its misses (lookup.py)."""

    async def batch(keys: Sequence[str]) -> list[Item | None]:
        found = await services(info).lookup.by_ids(list(keys))
        return [Item.from_state(found[key]) if key in found else None for key in keys]

    return list(await info.context.loader("items.by_id", batch).load_many(list(ids)))


@strawberry.federation.type(keys=["id"], extend=True)
class User:
    """The users subgraph owns the profile; this subgraph contributes the fields about items."""

    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: ItemsInfo, id: strawberry.ID, **_: Any) -> User:
        return cls(id=id)

    @strawberry.field(description="What this user sells or sold, newest (last bumped) first.")
    async def items(
        self, info: ItemsInfo, status: ItemStatus | None = UNSET, first: int | None = UNSET, after: str | None = UNSET
    ) -> ItemConnection:
        wanted = given(status)
        item_filter = ItemFilter(seller_id=str(self.id), status=wanted.to_domain() if wanted else None)
        return await item_connection(info, item_filter, first, after)

    @strawberry.field(description="Items this user likes (관심목록); only the user (or an admin) may see it.")
    async def liked_items(
        self, info: ItemsInfo, first: int | None = UNSET, after: str | None = UNSET
    ) -> ItemConnection:
        self._require_self(info)
        return await item_connection(info, ItemFilter(liked_by=str(self.id)), first, after)

    @strawberry.field(description="Items this user bought (recorded as buyer when sold); only the user (or an admin).")
    async def purchases(self, info: ItemsInfo, first: int | None = UNSET, after: str | None = UNSET) -> ItemConnection:
        self._require_self(info)
        item_filter = ItemFilter(buyer_id=str(self.id), status=DomainStatus.SOLD)
        return await item_connection(info, item_filter, first, after)

    def _require_self(self, info: ItemsInfo) -> None:
        if not info.context.require_viewer().may_act_for(str(self.id)):
            raise Forbidden("Only this user (or an admin) may see their likes and purchases.")


@strawberry.federation.type(keys=["id"], description="A listing of a second-hand item (or a free one: price 0, 나눔).")
class Item:
    id: strawberry.ID
    title: str
    description: str
    price: int = strawberry.field(description="In KRW; 0 means free sharing (나눔).")
    category: str
    region: str
    status: ItemStatus
    created_at: datetime
    updated_at: datetime
    bumped_at: datetime = strawberry.field(description="When the item last went to the top of the newest list.")
    sold_at: datetime | None = strawberry.field(description="When the item was sold; null unless SOLD.")
    like_count: int
    _state: strawberry.Private[ItemSnapshot]

    @classmethod
    def from_state(cls, state: ItemSnapshot) -> Item:
        return cls(
            id=strawberry.ID(state.id),
            title=state.title,
            description=state.description,
            price=state.price,
            category=state.category,
            region=state.region,
            status=ItemStatus(state.status.value),
            created_at=state.created_at,
            updated_at=state.updated_at,
            bumped_at=state.bumped_at,
            sold_at=state.sold_at,
            like_count=state.like_count,
            _state=state,
        )

    @classmethod
    async def resolve_reference(cls, info: ItemsInfo, id: strawberry.ID, **_: Any) -> Item | None:
        [item] = await load_items(info, [str(id)])
        return item

    @strawberry.field
    def seller(self) -> User:
        return User(id=strawberry.ID(self._state.seller_id))

    @strawberry.field(description="Views of `item(id)`, counted at most once per viewer per hour.")
    async def view_count(self, info: ItemsInfo) -> int:
        async def batch(keys: Sequence[str]) -> list[int]:
            counts = await services(info).views.counts(list(keys))
            return [counts.get(key, 0) for key in keys]

        return int(await info.context.loader("items.view_count", batch).load(self._state.id))

    @strawberry.field(description="Whether the signed-in user likes this item (false when anonymous).")
    def liked_by_viewer(self, info: ItemsInfo) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.user_id in self._state.liked_by


@strawberry.type
class ItemEdge:
    cursor: str
    node: Item


@strawberry.type
class ItemConnection:
    edges: list[ItemEdge]
    page_info: PageInfo
    total_count: int


def _connection(page: ItemPage) -> ItemConnection:
    edges = [
        ItemEdge(cursor=encode_cursor(_ITEMS, state.bumped_at, state.id), node=Item.from_state(state))
        for state in page.items
    ]
    return ItemConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None),
        total_count=page.total,
    )


async def item_connection(
    info: ItemsInfo, item_filter: ItemFilter, first: int | None, after: str | None
) -> ItemConnection:
    size = page_size(given(first))
    after = given(after)
    cursor = decode_cursor(_ITEMS, after) if after else None
    return _connection(await services(info).reader.page(item_filter, size, cursor))
