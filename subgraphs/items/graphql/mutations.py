"""Mutations: they write the write DB (and its outbox) and return the write-side state."""

from __future__ import annotations

import strawberry
from strawberry import UNSET
from strawberry.federation.schema_directives import Authenticated

from subgraphs.items.graphql.context import ItemsInfo, given, services
from subgraphs.items.graphql.inputs import CreateItemInput, UpdateItemInput
from subgraphs.items.graphql.types import Item, ItemStatus
from subgraphs.items.service_layer import handlers

__all__ = ["Mutation"]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="List an item for sale (signed-in users).", directives=[Authenticated()])
    async def create_item(self, info: ItemsInfo, input: CreateItemInput) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        state = await handlers.create_item(container.uow, viewer, input.to_fields(), container.clock())
        return Item.from_state(state)

    @strawberry.mutation(description="Change the fields given (seller or admin).", directives=[Authenticated()])
    async def update_item(self, info: ItemsInfo, id: strawberry.ID, input: UpdateItemInput) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        state = await handlers.update_item(container.uow, viewer, str(id), input.to_fields(), container.clock())
        return Item.from_state(state)

    @strawberry.mutation(
        description="ON_SALE ⇄ RESERVED → SOLD (also ON_SALE → SOLD); `buyerId` only with SOLD.",
        directives=[Authenticated()],
    )
    async def change_item_status(
        self, info: ItemsInfo, id: strawberry.ID, status: ItemStatus, buyer_id: strawberry.ID | None = UNSET
    ) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        state = await handlers.change_item_status(
            container.uow,
            viewer,
            str(id),
            status.to_domain(),
            str(buyer) if (buyer := given(buyer_id)) is not None else None,
            container.clock(),
        )
        return Item.from_state(state)

    @strawberry.mutation(
        description="Move the item to the top of the newest list (끌어올리기); once per 24 hours.",
        directives=[Authenticated()],
    )
    async def bump_item(self, info: ItemsInfo, id: strawberry.ID) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        return Item.from_state(await handlers.bump_item(container.uow, viewer, str(id), container.clock()))

    @strawberry.mutation(description="Delete the item (seller or admin); returns its id.", directives=[Authenticated()])
    async def delete_item(self, info: ItemsInfo, id: strawberry.ID) -> strawberry.ID:
        viewer = info.context.require_viewer()
        container = services(info)
        return strawberry.ID(await handlers.delete_item(container.uow, viewer, str(id), container.clock()))

    @strawberry.mutation(description="Like an item (once; not your own).", directives=[Authenticated()])
    async def like_item(self, info: ItemsInfo, id: strawberry.ID) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        return Item.from_state(await handlers.like_item(container.uow, viewer, str(id), container.clock()))

    @strawberry.mutation(description="Take a like back.", directives=[Authenticated()])
    async def unlike_item(self, info: ItemsInfo, id: strawberry.ID) -> Item:
        viewer = info.context.require_viewer()
        container = services(info)
        return Item.from_state(await handlers.unlike_item(container.uow, viewer, str(id), container.clock()))
