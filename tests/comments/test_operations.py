"""`gamja check|reindex comments`: the known items compared with, and rebuilt from, the whole `items.events` log."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from sqlalchemy import Executable, delete, func, insert, select, update

from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.service import ServiceRuntime
from subgraphs.comments.adapters.rows import COMMENTS, KNOWN_ITEMS
from subgraphs.comments.service import SPEC
from tests.comments.support import World, user_id

GAMJA = Path(sys.executable).with_name("gamja")


def runtime(world: World) -> ServiceRuntime:
    return world.stack["comments"].runtime


async def check(world: World) -> list[str]:
    assert SPEC.check is not None
    return await SPEC.check(runtime(world))


async def reindex(world: World) -> None:
    assert SPEC.reindex is not None
    await SPEC.reindex(runtime(world))


async def known_rows(world: World) -> dict[str, tuple[str, int, bool]]:
    async with runtime(world).databases[""].engine.connect() as connection:
        rows = (await connection.execute(select(KNOWN_ITEMS))).mappings()
        return {row["id"]: (row["seller_id"], row["version"], bool(row["deleted"])) for row in rows}


async def corrupt(world: World, *statements: Executable) -> None:
    async with runtime(world).databases[""].engine.begin() as connection:
        for statement in statements:
            await connection.execute(statement)


async def test_the_known_items_agree_with_the_log_after_creates_updates_and_deletes(world: World) -> None:
    seller = user_id()
    kept = await world.new_item(seller)
    await world.items.update(kept, title="자전거 싸게 팝니다")
    gone = await world.new_item(seller)
    await world.items.delete(gone)
    await world.stack.settle()

    assert await check(world) == []
    assert await known_rows(world) == {kept: (seller, 2, False), gone: (seller, 2, True)}


async def test_check_lists_every_corrupted_known_item_and_reindex_repairs_them(world: World) -> None:
    seller = user_id()
    renamed, deleted, lowered, raised, removed = [await world.new_item(seller) for _ in range(5)]
    await world.items.update(renamed, title="가격 내림")
    await world.items.delete(deleted)
    await world.items.update(lowered, title="가격 내림")
    await world.stack.settle()
    before = await known_rows(world)

    table = KNOWN_ITEMS
    await corrupt(
        world,
        update(table).where(table.c.id == renamed).values(seller_id="someone-else"),
        update(table).where(table.c.id == deleted).values(deleted=False),
        update(table).where(table.c.id == lowered).values(version=1),
        update(table).where(table.c.id == raised).values(version=9),
        delete(table).where(table.c.id == removed),
        insert(table).values(id="never-in-the-log", seller_id=seller, version=1, deleted=False),
    )

    assert sorted(await check(world)) == sorted(
        [
            f"item {renamed}: seller_id {seller} in the log, someone-else known",
            f"item {deleted}: deleted True in the log, False known",
            f"item {lowered}: version 2 in the log, 1 known",
            f"item {raised}: version 1 in the log, 9 known",
            f"item {removed}: version 1 in the log, not known",
            "item never-in-the-log: known (version 1) but not in the log",
        ]
    )
    await reindex(world)
    assert await check(world) == []
    assert await known_rows(world) == before


async def test_comments_survive_a_reindex_and_the_live_consumer_carries_on(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    gone = await world.new_item(seller)
    question = await world.add(world.token(author), item, "아직 있나요?")
    await world.add(world.token(seller), item, "네 있어요", question["id"])
    await world.add(world.token(author), gone, "이것도 있나요?")
    await world.items.delete(gone)
    await world.stack.settle()
    thread_before, gone_before = await world.thread(item), await world.thread(gone)
    await corrupt(world, delete(KNOWN_ITEMS))

    await reindex(world)

    assert await world.thread(item) == thread_before
    assert await world.thread(gone) == gone_before == {**gone_before, "commentCount": 0}
    async with runtime(world).databases[""].engine.connect() as connection:
        assert (await connection.execute(select(func.count()).select_from(COMMENTS))).scalar_one() == 3
    # The regular consumer group kept its offset: a later event lands on the rebuilt table as usual.
    await world.items.delete(item)
    await world.stack.settle()
    assert (await world.thread(item))["commentCount"] == 0
    assert await check(world) == []


async def test_reindex_and_check_skip_events_they_cannot_read(world: World) -> None:
    item = await world.new_item(user_id())
    await world.items.log.publish(ITEMS_EVENTS, [OutgoingRecord(key="x", value=b"not json", headers={})])

    await reindex(world)

    assert await check(world) == []
    assert list(await known_rows(world)) == [item]


async def _gamja(world: World, *args: str) -> tuple[int, str]:
    settings = world.settings
    env = {
        **os.environ,
        "GAMJA_VAR_DIR": str(settings.var_dir),
        "GAMJA_COMMENTS_DATABASE_URL": settings.database_url("comments"),
        "GAMJA_JWT_SECRET": settings.jwt_secret.get_secret_value() if settings.jwt_secret else "",
    }
    process = await asyncio.create_subprocess_exec(
        str(GAMJA), *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


async def test_check_and_reindex_commands(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    comment = await world.add(world.token(author), item, "네고 되나요?")
    assert await _gamja(world, "check", "comments") == (0, "comments: 0 difference(s)\n")

    await corrupt(world, update(KNOWN_ITEMS).where(KNOWN_ITEMS.c.id == item).values(deleted=True))
    code, output = await _gamja(world, "check", "comments")
    assert code == 1
    assert f"item {item}: deleted False in the log, True known" in output
    assert output.endswith("comments: 1 difference(s)\n")

    assert (await _gamja(world, "reindex", "comments"))[0] == 0
    assert await _gamja(world, "check", "comments") == (0, "comments: 0 difference(s)\n")
    assert [edge["node"]["id"] for edge in (await world.thread(item))["comments"]["edges"]] == [comment["id"]]
