"""The hand-written migration builds exactly the tables the code maps, on both backends."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from gamja.db import Database
from gamja.migrations import upgrade
from subgraphs.users.adapters.tables import UsersTable
from subgraphs.users.service import SPEC


async def test_migrated_schema_matches_the_tables(database_url: str) -> None:
    database = Database(database_url)
    try:
        await upgrade(SPEC.migrations[""], database)
        await upgrade(SPEC.migrations[""], database)  # a second run is a no-op

        def differences(connection: Connection) -> list[Any]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, UsersTable.metadata))

        async with database.engine.connect() as conn:
            assert await conn.run_sync(differences) == []
    finally:
        await database.dispose()
