"""`gamja reindex items` builds the read store aside and swaps it in: queries read the old store until then,
and writes made during the rebuild are in the new one."""

from __future__ import annotations

import contextlib
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text, update
from sqlalchemy.engine import Connection

from subgraphs.items.read_model.maintenance import differences, rebuild_read_store
from subgraphs.items.read_model.tables import ReadItemRow, ReadTables
from tests.items.conftest import SELLER, Items


def schema_drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [
        change
        for change in compare_metadata(context, ReadTables.metadata)
        if change[0] != "remove_table" or change[1].name != "alembic_version"
    ]


async def rename(items: Items, item_id: str, title: str) -> None:
    await items.client.data(
        "mutation($id: ID!, $t: String!) { updateItem(id: $id, input: {title: $t}) { id } }",
        {"id": item_id, "t": title},
        token=items.token(SELLER),
    )


async def titles(items: Items) -> dict[str, str]:
    data = await items.client.data("{ items(first: 50) { edges { node { id title } } } }")
    return {edge["node"]["id"]: edge["node"]["title"] for edge in data["items"]["edges"]}


async def test_queries_read_the_old_store_until_the_swap_and_writes_during_the_rebuild_land_in_the_new_one(
    items: Items,
) -> None:
    first_titles = {(await items.create(title=f"물건 {n}"))["id"]: f"물건 {n}" for n in range(6)}
    ids = sorted(first_titles)
    await items.settle()
    damaged = ids[-1]  # copied last: the old store serves it until the very end
    async with items.services.read_db.transaction() as session:
        await session.exec(update(ReadItemRow).where(ReadItemRow.id == damaged).values(title="엉뚱한 제목"))  # type: ignore[arg-type]
    during: dict[str, str] = {}
    created: list[str] = []

    async def meanwhile(copied: int) -> None:
        if copied != 2:
            return
        # The first batch (ids[0], ids[1]) is in the new store; the rest is not yet.
        await rename(items, ids[0], "복사된 뒤 고침")
        await rename(items, ids[4], "복사 전에 고침")
        created.append((await items.create(title="새 물건"))["id"])
        await items.settle()  # the projector applies them while the rebuild runs
        during.update(await titles(items))

    copied = await rebuild_read_store(items.services.write_db, items.services.read_db, batch_size=2, progress=meanwhile)

    assert copied >= 6
    # While it ran, queries answered from the old store: the damage still showing, the new writes too.
    assert during[damaged] == "엉뚱한 제목"
    assert during[ids[0]] == "복사된 뒤 고침" and during[ids[4]] == "복사 전에 고침"
    assert during[created[0]] == "새 물건"
    # After the swap: the store rebuilt from the write DB, with every write made meanwhile.
    after = await titles(items)
    assert after[damaged] == first_titles[damaged]
    assert after[ids[0]] == "복사된 뒤 고침" and after[ids[4]] == "복사 전에 고침"
    assert after[created[0]] == "새 물건"
    assert set(after) == {*ids, *created}
    assert await differences(items.services.write_db, items.services.read_db) == []
    # The swapped-in tables are what the migrations make (names of tables and indexes included).
    async with items.services.read_db.engine.connect() as connection:
        assert await connection.run_sync(schema_drift) == []
    # And the projector writes to the one store again.
    await rename(items, ids[1], "끝나고 고침")
    await items.settle()
    assert (await titles(items))[ids[1]] == "끝나고 고침"
    assert await differences(items.services.write_db, items.services.read_db) == []


async def test_an_unfinished_rebuild_is_started_again(items: Items) -> None:
    ids = sorted([(await items.create(title=f"물건 {n}"))["id"] for n in range(3)])
    await items.settle()

    async def crash(copied: int) -> None:
        raise RuntimeError("killed mid-rebuild")

    with contextlib.suppress(RuntimeError):
        await rebuild_read_store(items.services.write_db, items.services.read_db, batch_size=1, progress=crash)
    # The aside tables are left behind; queries still read the live store and writes reach both.
    await rename(items, ids[2], "그 사이에 고침")
    await items.settle()
    assert (await titles(items))[ids[2]] == "그 사이에 고침"
    assert await rebuild_read_store(items.services.write_db, items.services.read_db, batch_size=2) == 3
    assert (await titles(items))[ids[2]] == "그 사이에 고침"
    assert await differences(items.services.write_db, items.services.read_db) == []
    async with items.services.read_db.session() as session:
        count = (await session.exec(text("SELECT count(*) FROM read_items"))).one()  # type: ignore[call-overload]
    assert tuple(count) == (3,)


async def test_the_check_streams_both_sides_and_finds_every_kind_of_difference(items: Items) -> None:
    first_titles = {(await items.create(title=f"물건 {n}"))["id"]: f"물건 {n}" for n in range(5)}
    ids = sorted(first_titles)
    await items.settle()
    async with items.services.read_db.transaction() as session:
        await session.exec(update(ReadItemRow).where(ReadItemRow.id == ids[3]).values(title="엉뚱한 제목"))  # type: ignore[arg-type]
        await session.exec(text("DELETE FROM read_items WHERE id = :id"), params={"id": ids[1]})  # type: ignore[call-overload]
    problems = await differences(items.services.write_db, items.services.read_db, batch_size=2)
    assert problems == [
        f"item {ids[1]}: missing from the read store (write DB has version 1)",
        f"item {ids[3]}: title is {first_titles[ids[3]]!r} in the write DB but '엉뚱한 제목' in the read store",
    ]
