"""The hand-written migration builds exactly the tables the code maps, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from gamja.db import Database
from gamja.events.envelope import Event
from gamja.migrations import upgrade
from subgraphs.users.adapters.tables import UsersTable, outbox
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


async def test_accounts_made_before_users_events_are_announced_once(database_url: str) -> None:
    """Migration 0002: items learns the accounts that existed before the topic did (a UserRegistered each)."""
    database = Database(database_url)
    try:
        await upgrade(SPEC.migrations[""], database, "0001")
        async with database.engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO users (id, email, nickname, region, password_hash, role, created_at, updated_at) "
                    "VALUES ('u-old', 'old@example.com', '오래된', '서울', 'x', 'USER', :now, :now)"
                ).bindparams(now=datetime.now(UTC))
            )
        await upgrade(SPEC.migrations[""], database)
        async with database.engine.connect() as conn:
            rows = (await conn.execute(select(outbox.c.topic, outbox.c.key, outbox.c.envelope))).all()
            generation = (await conn.execute(text("SELECT token_generation FROM users"))).scalar_one()
        assert [(row.topic, row.key) for row in rows] == [("users.events", "u-old")]
        event = Event.from_dict(rows[0].envelope)
        assert (event.type, event.aggregate_id, event.version, event.payload) == (
            "UserRegistered",
            "u-old",
            1,
            {"id": "u-old", "tokenGeneration": 0},
        )
        assert generation == 0
    finally:
        await database.dispose()
