"""`gamja reindex comments` builds the known items aside and swaps them in: comment writers and readers use the
old table until then, items learnt meanwhile are in the new one, and each replayed batch is one statement."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, event, func, select
from sqlalchemy.engine import Connection

from subgraphs.comments.adapters.rows import KNOWN_ITEMS
from subgraphs.comments.adapters.tables import CommentsTable
from subgraphs.comments.service_layer import replay as replay_module
from subgraphs.comments.service_layer.replay import KnownItemsReplay
from tests.comments.support import World, user_id
from tests.comments.test_operations import check, corrupt, runtime


def known_items(world: World) -> KnownItemsReplay:
    replay: KnownItemsReplay = runtime(world).services.known_items
    return replay


def schema_drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [
        change
        for change in compare_metadata(context, CommentsTable.metadata)
        if change[0] != "remove_table" or change[1].name != "alembic_version"
    ]


async def test_comments_use_the_old_known_items_until_the_swap_and_items_learnt_meanwhile_are_in_the_new_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    seller, author = user_id(), user_id()
    token = world.token(author)
    damaged = await world.new_item(seller)
    kept = await world.new_item(seller)
    for _ in range(3):
        await world.new_item(seller)
    await corrupt(world, delete(KNOWN_ITEMS).where(KNOWN_ITEMS.c.id == damaged))  # the table lost it
    assert await world.add_errors(token, damaged, "있나요?") == ["NOT_FOUND"]

    database = runtime(world).databases[""]
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO KNOWN_ITEMS_NEXT"):
            statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", seen)
    during: dict[str, Any] = {}
    swap_aside = replay_module.swap_aside

    async def late_items_first(session: Any) -> None:
        # The replay has read the log's last record: only the live consumer, writing both tables, brings these in.
        during["replay statements"] = len(statements)
        during["damaged"] = await world.add_errors(token, damaged, "아직도 없나요?")
        late = await world.items.create(seller)
        await world.items.delete(kept)
        await world.stack.settle()
        during["late"] = late
        during["late comment"] = (await world.add(token, late, "방금 올라온 물건이네요"))["body"]
        during["kept"] = await world.add_errors(token, kept, "팔렸나요?")
        await swap_aside(session)

    monkeypatch.setattr(replay_module, "swap_aside", late_items_first)
    try:
        read = await known_items(world).rebuild(batch_size=2)
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", seen)

    assert read == 5
    assert during["replay statements"] == 3  # 5 events in batches of 2: one upsert per batch
    # Until the swap: the old table (the damage still showing, the live consumer's items in it too).
    assert during["damaged"] == ["NOT_FOUND"]
    assert during["late comment"] == "방금 올라온 물건이네요"
    assert during["kept"] == ["NOT_FOUND"]
    # After it: rebuilt from the log, with what was learnt meanwhile.
    assert (await world.add(token, damaged, "이제 보이네요"))["body"] == "이제 보이네요"
    assert await world.add_errors(token, kept, "팔렸나요?") == ["NOT_FOUND"]
    assert (await world.thread(during["late"]))["commentCount"] == 1
    assert await check(world) == []
    async with database.engine.connect() as connection:
        assert await connection.run_sync(schema_drift) == []
        count = (await connection.execute(select(func.count()).select_from(KNOWN_ITEMS))).scalar_one()
    assert count == 6


async def test_a_batch_keeps_the_newest_version_of_each_item_whatever_the_order(world: World) -> None:
    seller = user_id()
    item = await world.new_item(seller)
    created = world.items.sent[-1]
    await world.items.update(item, title="가격 내림")
    await world.items.delete(item)
    await world.items.publish(created)  # an old event again, after the newer ones, in the same batch

    await known_items(world).rebuild()

    assert await check(world) == []
    assert await world.add_errors(world.token(user_id()), item, "있나요?") == ["NOT_FOUND"]


async def test_a_rebuild_that_died_is_started_again(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    seller = user_id()
    item = await world.new_item(seller)

    async def killed(session: Any) -> None:
        raise RuntimeError("killed before the swap")

    with monkeypatch.context() as patch:
        patch.setattr(replay_module, "swap_aside", killed)
        with contextlib.suppress(RuntimeError):
            await known_items(world).rebuild()
    # The aside table is left behind; the live table still serves and the consumer writes both.
    later = await world.new_item(seller)
    assert (await world.add(world.token(user_id()), later, "있나요?"))["body"] == "있나요?"

    assert await known_items(world).rebuild() == 2
    assert await check(world) == []
    assert (await world.thread(item))["commentCount"] == 0
    async with runtime(world).databases[""].engine.connect() as connection:
        assert await connection.run_sync(schema_drift) == []
