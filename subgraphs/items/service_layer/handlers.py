"""The write-side use cases: each loads the aggregate, checks who may act, applies the change in one unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from gamja.auth.viewer import Viewer
from gamja.errors import BadUserInput, Forbidden, NotFound
from subgraphs.items.adapters.repository import ItemRepository
from subgraphs.items.adapters.unit_of_work import UnitOfWork
from subgraphs.items.domain.item import Item, ItemFields
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus

__all__ = [
    "bump_item",
    "change_item_status",
    "create_item",
    "delete_item",
    "like_item",
    "unlike_item",
    "update_item",
]


async def _existing(items: ItemRepository, item_id: str) -> Item:
    item = await items.get(item_id)
    if item is None or item.state.deleted:
        raise NotFound(f"There is no item with id {item_id!r}.")
    return item


@asynccontextmanager
async def _owned(uow: UnitOfWork, viewer: Viewer, item_id: str) -> AsyncIterator[Item]:
    async with uow.begin() as items:
        item = await _existing(items, item_id)
        if not viewer.may_act_for(item.seller_id):
            raise Forbidden("Only the seller (or an admin) may change this item.")
        yield item


async def create_item(
    uow: UnitOfWork, viewer: Viewer, fields: ItemFields, now: datetime, *, item_id: str | None = None
) -> ItemSnapshot:
    async with uow.begin() as items:
        item = Item.create(seller_id=viewer.user_id, fields=fields, now=now, item_id=item_id)
        items.add(item)
    return item.state


async def update_item(uow: UnitOfWork, viewer: Viewer, item_id: str, fields: ItemFields, now: datetime) -> ItemSnapshot:
    async with _owned(uow, viewer, item_id) as item:
        item.update(fields, now)
    return item.state


async def change_item_status(
    uow: UnitOfWork, viewer: Viewer, item_id: str, status: ItemStatus, buyer_id: str | None, now: datetime
) -> ItemSnapshot:
    async with uow.begin() as items:
        item = await _existing(items, item_id)
        if not viewer.may_act_for(item.seller_id):
            raise Forbidden("Only the seller (or an admin) may change this item.")
        item.change_status(status, buyer_id, now)
        if buyer_id is not None and not await items.user_known(buyer_id):
            raise BadUserInput(
                f"There is no user with id {buyer_id!r} (someone who signed up a moment ago may not be known here "
                "yet: try again shortly).",
                field="buyerId",
            )
    return item.state


async def bump_item(uow: UnitOfWork, viewer: Viewer, item_id: str, now: datetime) -> ItemSnapshot:
    async with _owned(uow, viewer, item_id) as item:
        item.bump(now)
    return item.state


async def delete_item(uow: UnitOfWork, viewer: Viewer, item_id: str, now: datetime) -> str:
    async with _owned(uow, viewer, item_id) as item:
        item.delete(now)
    return item.id


async def like_item(uow: UnitOfWork, viewer: Viewer, item_id: str, now: datetime) -> ItemSnapshot:
    async with uow.begin() as items:
        item = await _existing(items, item_id)
        item.like(viewer.user_id, now)
    return item.state


async def unlike_item(uow: UnitOfWork, viewer: Viewer, item_id: str, now: datetime) -> ItemSnapshot:
    async with uow.begin() as items:
        item = await _existing(items, item_id)
        item.unlike(viewer.user_id, now)
    return item.state
