"""Operator tools over the read store: rebuild it from the write DB aside and swap it in, and list where the two
differ. Both stream the tables in id order, a batch at a time: memory stays bounded whatever the item count."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import Database
from subgraphs.items.adapters.repository import load_snapshot_page
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.aside import copy_batch, start_aside, swap_aside
from subgraphs.items.read_model.store import load_read_page

__all__ = ["BATCH_SIZE", "differences", "rebuild_read_store"]

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
Progress = Callable[[int], Awaitable[None]]
PageLoader = Callable[[AsyncSession, str | None, int], Awaitable[list[ItemSnapshot]]]


async def _pages(database: Database, load: PageLoader, batch_size: int) -> AsyncIterator[list[ItemSnapshot]]:
    """Every item of one side in id order, a batch per short session (no snapshot held across the scan)."""
    after: str | None = None
    while True:
        async with database.session() as session:
            page = await load(session, after, batch_size)
        if not page:
            return
        yield page
        after = page[-1].id


async def rebuild_read_store(
    write: Database, read: Database, *, batch_size: int = BATCH_SIZE, progress: Progress | None = None
) -> int:
    """Build the read store again from the write DB beside the live one, then swap it in; returns the items copied.

    Queries keep reading the live store until the swap. Nothing is missed: an item written in the write DB
    before its batch is read is copied; one written after is projected from its event, and from the moment
    the aside tables exist the projector writes every event to both stores (newest version wins in each).
    `progress` hears the running count after each batch (the command logs it).
    """
    async with read.transaction() as session:
        await start_aside(session)
    copied = 0
    async for page in _pages(write, load_snapshot_page, batch_size):
        async with read.transaction() as session:
            await copy_batch(session, page)
        copied += len(page)
        if progress is not None:
            await progress(copied)
    async with read.transaction() as session:
        await swap_aside(session)
    log.info("items read store rebuilt aside from %d items and swapped in", copied)
    return copied


def _comparable(state: ItemSnapshot) -> dict[str, object]:
    return {**state.to_payload(), "version": state.version}


def _compare(item_id: str, mine: dict[str, object] | None, theirs: dict[str, object] | None) -> list[str]:
    if theirs is None:
        assert mine is not None
        return [f"item {item_id}: missing from the read store (write DB has version {mine['version']})"]
    if mine is None:
        return [f"item {item_id}: in the read store (version {theirs['version']}) but not in the write DB"]
    return [
        f"item {item_id}: {key} is {mine[key]!r} in the write DB but {theirs[key]!r} in the read store"
        for key in mine
        if mine[key] != theirs[key]
    ]


async def differences(write: Database, read: Database, *, batch_size: int = BATCH_SIZE) -> list[str]:
    """Human-readable differences between the write DB and the read store; empty when they agree.

    A merge of the two sides in id order, one batch of each in memory at a time.
    """
    problems: list[str] = []
    written = aiter(_pages(write, load_snapshot_page, batch_size))
    projected = aiter(_pages(read, load_read_page, batch_size))
    mine: list[ItemSnapshot] = []
    theirs: list[ItemSnapshot] = []
    mine_done = theirs_done = False
    while True:
        if not mine and not mine_done:
            mine = list(reversed(await anext(written, [])))
            mine_done = not mine
        if not theirs and not theirs_done:
            theirs = list(reversed(await anext(projected, [])))
            theirs_done = not theirs
        if not mine and not theirs:
            return problems
        # Each list is reversed, so the smallest id is last: pop() takes it.
        if theirs and (not mine or theirs[-1].id < mine[-1].id):
            state = theirs.pop()
            problems += _compare(state.id, None, _comparable(state))
        elif mine and (not theirs or mine[-1].id < theirs[-1].id):
            state = mine.pop()
            problems += _compare(state.id, _comparable(state), None)
        else:
            left, right = mine.pop(), theirs.pop()
            problems += _compare(left.id, _comparable(left), _comparable(right))
