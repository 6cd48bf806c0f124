"""A rebuild under a new tokenizer builds the index aside and swaps it in: searches keep finding the old index's
items until then, and what the live indexer applies meanwhile is in the new one.

A tokenizer upgrade is played by changing the version the code reports (`TOKENIZER_VERSION` as the indexer sees
it): the stored index then counts as made by another tokenizer, while its tokens still match the queries, as
they mostly do across a real upgrade. Runs on every backend (Elasticsearch when ELASTICSEARCH_URL is set).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

import pytest
from sqlalchemy import text

from gamja.catalog import load_spec
from gamja.settings import Settings
from subgraphs.search.bootstrap import build
from subgraphs.search.domain.model import ItemDocument
from subgraphs.search.domain.tokens import TOKENIZER_VERSION
from subgraphs.search.read_model import indexer as indexer_module
from subgraphs.search.read_model.sql_index import SqlSearchIndex
from tests.search.conftest import SearchWorld, search_world

SUGGEST = "query($p: String!) { searchSuggestions(prefix: $p) }"
SPEC = load_spec("search")


def upgrade_tokenizer(monkeypatch: pytest.MonkeyPatch, version: str = "ko-bigram-next") -> str:
    monkeypatch.setattr(indexer_module, "TOKENIZER_VERSION", version)
    return version


async def reindex(world: SearchWorld) -> None:
    assert SPEC.reindex is not None
    await SPEC.reindex(world.runtime)


async def check(world: SearchWorld) -> list[str]:
    assert SPEC.check is not None
    return list(await SPEC.check(world.runtime))


async def suggestions(world: SearchWorld, prefix: str) -> list[str]:
    return list((await world.client.data(SUGGEST, {"p": prefix}))["searchSuggestions"])


async def schema(world: SearchWorld) -> list[tuple[str, ...]]:
    """Names of the search database's tables, indexes and sequences (what a second rebuild relies on)."""
    index = world.runtime.services.index
    assert isinstance(index, SqlSearchIndex)
    database = world.runtime.databases[""]
    if database.is_sqlite:
        query = "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'alembic%' ORDER BY name"
    else:
        query = (
            "SELECT c.relkind::text, c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'S') AND c.relname NOT LIKE 'alembic%' "
            "ORDER BY c.relname"
        )
    async with database.engine.connect() as conn:
        return [tuple(row) for row in await conn.execute(text(query))]


async def test_searches_find_the_old_index_until_the_swap_and_writes_made_meanwhile_are_in_the_new_one(
    world: SearchWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    switch = await world.items.create("닌텐도 스위치")
    chip = await world.items.create("닌텐도 게임칩")
    await world.settle()
    assert set(await world.ids("닌텐")) == {switch.id, chip.id}
    await world.settle()  # the search log: "닌텐" found something, so it is suggested from now on
    index = world.runtime.services.index
    version = upgrade_tokenizer(monkeypatch)
    apply_aside = index.apply_aside
    during: list[set[str]] = []
    added: list[str] = []

    async def watched(documents: Sequence[ItemDocument]) -> int:
        during.append(set(await world.ids("닌텐도")))
        applied = await apply_aside(documents)
        during.append(set(await world.ids("닌텐도")))
        assert await index.tokenizer_version() == TOKENIZER_VERSION  # the old index is still the one searched
        return applied

    swap_aside = index.swap_aside

    async def late_writes_first(tokenizer_version: str) -> None:
        # After the replay read the log's last record: only the live indexer, writing both, can bring these in.
        added.append((await world.items.create("닌텐도 DS")).id)
        await world.items.change(chip.id, title="닌텐도 게임칩 마리오")
        await world.settle()
        during.append(set(await world.ids("닌텐도")))
        await swap_aside(tokenizer_version)

    monkeypatch.setattr(index, "apply_aside", watched)
    monkeypatch.setattr(index, "swap_aside", late_writes_first)
    await reindex(world)

    assert during, "the rebuild never replayed a batch"
    assert during[0] == {switch.id, chip.id}
    assert all({switch.id, chip.id} <= found for found in during), during
    assert await index.tokenizer_version() == version
    assert set(await world.ids("닌텐도")) == {switch.id, chip.id, *added}
    assert await world.ids("마리오") == [chip.id]
    assert "닌텐" in await suggestions(world, "닌")  # past searches carried over
    assert await check(world) == []
    # The live indexer writes the one index again.
    await world.items.delete(switch.id)
    await world.settle()
    assert set(await world.ids("닌텐도")) == {chip.id, *added}
    assert await check(world) == []


async def test_an_index_built_by_another_tokenizer_is_rebuilt_aside_on_start(
    search_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with search_world(search_settings) as world:
        item = await world.items.create("아이폰13프로")
        gone = await world.items.create("아이폰 케이스")
        await world.items.delete(gone.id)
        await world.settle()

    version = upgrade_tokenizer(monkeypatch)
    async with search_world(search_settings) as world:
        assert await world.runtime.services.index.tokenizer_version() == version
        assert await world.ids("아이폰") == [item.id]
        assert await check(world) == []


async def test_a_rebuild_that_died_is_started_again_and_the_tables_come_back_as_they_were(
    world: SearchWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = await world.items.create("자전거 팝니다")
    await world.settle()
    sql = isinstance(world.runtime.services.index, SqlSearchIndex)
    before = await schema(world) if sql else []
    upgrade_tokenizer(monkeypatch)
    index = world.runtime.services.index

    async def killed(documents: Sequence[ItemDocument]) -> int:
        raise RuntimeError("killed mid-rebuild")

    with monkeypatch.context() as patch:
        patch.setattr(index, "apply_aside", killed)
        with contextlib.suppress(RuntimeError):
            await reindex(world)
    # Left behind: the new index, half built. Searches still read the old one and writes reach both.
    later = await world.items.create("자전거 헬멧")
    await world.settle()
    assert set(await world.ids("자전거")) == {item.id, later.id}

    await reindex(world)
    assert set(await world.ids("자전거")) == {item.id, later.id}
    assert await check(world) == []
    # And once more under yet another tokenizer: the swapped-in tables carry the names a rebuild expects.
    upgrade_tokenizer(monkeypatch, "ko-bigram-later")
    await reindex(world)
    assert set(await world.ids("자전거")) == {item.id, later.id}
    assert await check(world) == []
    if sql:
        assert await schema(world) == before


async def test_replicas_that_start_together_on_an_old_index_rebuild_it_once_and_both_serve(
    search_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with search_world(search_settings) as world:
        items = [await world.items.create(title) for title in ("캠핑 의자", "캠핑 테이블", "캠핑 랜턴")]
        await world.settle()
    version = upgrade_tokenizer(monkeypatch)
    rebuilds: list[str] = []
    rebuild = indexer_module.Indexer._rebuild

    async def counted(self: indexer_module.Indexer) -> int:
        rebuilds.append("rebuild")
        await asyncio.sleep(0.2)  # long enough for the other replica to arrive while this one rebuilds
        return await rebuild(self)

    monkeypatch.setattr(indexer_module.Indexer, "_rebuild", counted)
    # Two replicas of a migrated service start at once, as `build` starts each (a replica does not migrate).
    replicas = await asyncio.gather(build(search_settings), build(search_settings))
    try:
        assert rebuilds == ["rebuild"]
        for replica in replicas:
            assert await replica.services.index.tokenizer_version() == version
        async with search_world(search_settings) as world:
            assert set(await world.ids("캠핑")) == {item.id for item in items}
            assert await check(world) == []
        assert rebuilds == ["rebuild"]
    finally:
        for replica in replicas:
            await replica.close()
