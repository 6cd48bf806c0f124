"""Queries: all of them read the read store."""

from __future__ import annotations

import strawberry
from strawberry import UNSET

from subgraphs.items.domain.categories import CATEGORIES
from subgraphs.items.graphql.context import ItemsInfo, given, services, viewer_key
from subgraphs.items.graphql.inputs import ItemFilter
from subgraphs.items.graphql.types import Item, ItemConnection, item_connection, load_items
from subgraphs.items.read_model.queries import ItemFilter as ReadFilter

__all__ = ["Query"]


@strawberry.type
class Query:
    @strawberry.field(description="One item; each viewer adds at most one view per hour to its `viewCount`.")
    async def item(self, info: ItemsInfo, id: strawberry.ID) -> Item | None:
        [item] = await load_items(info, [str(id)])
        if item is not None:
            container = services(info)
            await container.views.record(str(id), viewer_key(info), container.clock())
        return item

    @strawberry.field(description="Items, newest (last bumped) first.")
    async def items(
        self, info: ItemsInfo, filter: ItemFilter | None = UNSET, first: int | None = UNSET, after: str | None = UNSET
    ) -> ItemConnection:
        wanted = given(filter)
        item_filter = wanted.to_read_filter() if wanted is not None else ReadFilter()
        return await item_connection(info, item_filter, first, after)

    @strawberry.field(description="The categories an item may have.")
    def categories(self) -> list[str]:
        return list(CATEGORIES)
