"""Migrations run through the kit on SQLite and PostgreSQL, in order, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, inspect, text

from gamja.db import Database
from gamja.migrations import MigrationSet, upgrade

MIGRATIONS = MigrationSet(Path(__file__).parent / "fixtures" / "migrations", MetaData())


async def columns(database: Database) -> dict[str, list[str]]:
    async with database.engine.connect() as conn:
        return await conn.run_sync(
            lambda sync: {t: [c["name"] for c in inspect(sync).get_columns(t)] for t in inspect(sync).get_table_names()}
        )


async def test_upgrade_applies_every_revision_once(database_url: str) -> None:
    database = Database(database_url)
    try:
        await upgrade(MIGRATIONS, database, "0001")
        assert (await columns(database))["notes"] == ["id", "body"]
        await upgrade(MIGRATIONS, database)
        await upgrade(MIGRATIONS, database)
        assert (await columns(database))["notes"] == ["id", "body", "author"]
        async with database.engine.connect() as conn:
            assert (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one() == "0002"
    finally:
        await database.dispose()


async def test_sqlite_databases_run_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'dir' / 'x.db'}")
    try:
        async with database.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
    finally:
        await database.dispose()
