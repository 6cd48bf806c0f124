"""Operating the items service: migrations match the models, demo data, and the `gamja check|reindex items` commands."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete
from sqlalchemy.engine import Connection

from gamja.db import Database
from gamja.demo import DEMO_USERS
from subgraphs.items.read_model.tables import ReadItemRow
from subgraphs.items.service import SPEC
from tests.items.conftest import Items

GAMJA = Path(sys.executable).with_name("gamja")


async def test_migrations_create_exactly_the_models(items: Items) -> None:
    for role, migrations in SPEC.migrations.items():
        database: Database = items.stack["items"].runtime.databases[role]

        def diff(connection: Connection, metadata: Any = migrations.metadata) -> list[Any]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return [
                change
                for change in compare_metadata(context, metadata)
                if change[0] != "remove_table" or change[1].name != "alembic_version"
            ]

        async with database.engine.connect() as connection:
            assert await connection.run_sync(diff) == [], role


async def test_demo_data(items: Items) -> None:
    assert SPEC.seed is not None
    await SPEC.seed(items.stack["items"].runtime)
    assert await SPEC.check(items.stack["items"].runtime) == []  # type: ignore[misc]
    query = "query($f: ItemFilter) { items(filter: $f, first: 100) { totalCount edges { node { title price status region } } } }"
    everything = (await items.client.data(query))["items"]
    assert 25 <= everything["totalCount"] <= 40
    nodes = [edge["node"] for edge in everything["edges"]]
    assert any(node["price"] == 0 for node in nodes)
    assert {node["status"] for node in nodes} == {"ON_SALE", "RESERVED", "SOLD"}
    assert {node["region"] for node in nodes} == {user.region for user in DEMO_USERS}
    assert any("아이폰" in node["title"] for node in nodes) and any("자전거" in node["title"] for node in nodes)
    mapo = (await items.client.data(query, {"f": {"region": "서울 마포구"}}))["items"]
    assert 0 < mapo["totalCount"] < everything["totalCount"]


async def _gamja(items: Items, *args: str) -> tuple[int, str]:
    settings = items.settings
    env = {
        **os.environ,
        "GAMJA_VAR_DIR": str(settings.var_dir),
        "GAMJA_ITEMS_DATABASE_URL": settings.database_url("items"),
        "GAMJA_ITEMS_READ_DATABASE_URL": settings.database_url("items", "read"),
        "GAMJA_JWT_SECRET": settings.jwt_secret.get_secret_value() if settings.jwt_secret else "",
    }
    process = await asyncio.create_subprocess_exec(
        str(GAMJA), *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


async def test_check_and_reindex_commands(items: Items) -> None:
    created = await items.create()
    await items.settle()
    assert await _gamja(items, "check", "items") == (0, "items: 0 difference(s)\n")
    async with items.services.read_db.transaction() as session:
        await session.exec(delete(ReadItemRow))
    code, output = await _gamja(items, "check", "items")
    assert code == 1
    assert f"item {created['id']}: missing from the read store" in output
    assert output.endswith("items: 1 difference(s)\n")
    assert (await _gamja(items, "reindex", "items"))[0] == 0
    assert await _gamja(items, "check", "items") == (0, "items: 0 difference(s)\n")
    assert (await items.read(created["id"]))["title"] == "이케아 책상"
