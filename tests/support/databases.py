"""Throw-away databases on SQLite and on the PostgreSQL server, for tests that run on both."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import asyncpg

__all__ = ["POSTGRES_ADMIN_DSN", "PostgresUnavailable", "create_postgres_database", "drop_postgres_database"]

POSTGRES_ADMIN_DSN = os.environ.get("GAMJA_TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


class PostgresUnavailable(RuntimeError):
    pass


def _asyncpg_dsn(database: str) -> str:
    return POSTGRES_ADMIN_DSN.rsplit("/", 1)[0] + f"/{database}"


async def create_postgres_database(prefix: str = "gamja_test") -> tuple[str, str]:
    """Create an empty database; returns (its name, its SQLAlchemy async URL)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        conn = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        raise PostgresUnavailable(f"PostgreSQL not reachable at {POSTGRES_ADMIN_DSN}: {exc}") from exc
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, _asyncpg_dsn(name).replace("postgresql://", "postgresql+asyncpg://", 1)


async def drop_postgres_database(name: str) -> None:
    conn = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=5)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def sqlite_url(directory: Path, stem: str) -> str:
    return f"sqlite+aiosqlite:///{(directory / f'{stem}.db').as_posix()}"
