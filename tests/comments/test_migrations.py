"""The hand-written migration builds exactly the tables the code maps, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from gamja.db import Database
from gamja.runner import migrate
from subgraphs.comments.adapters.tables import CommentsTable
from tests.conftest import MakeSettings


async def test_the_migrated_schema_matches_the_tables(make_settings: MakeSettings) -> None:
    settings = await make_settings("comments")
    await migrate(settings, ["comments"])
    database = Database(settings.database_url("comments"))

    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, CommentsTable.metadata))

    try:
        async with database.engine.connect() as connection:
            diff = await connection.run_sync(differences)
    finally:
        await database.dispose()

    assert diff == []
