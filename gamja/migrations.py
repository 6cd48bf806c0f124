"""Alembic migrations per service, run programmatically over the service's own async engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from gamja.db import Database

__all__ = ["MigrationSet", "configure_env", "upgrade"]


@dataclass(frozen=True)
class MigrationSet:
    """The migration scripts of one database (a service may own several, e.g. write DB and read store)."""

    script_location: Path
    metadata: MetaData

    def config(self, url: str) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(self.script_location))
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        cfg.attributes["metadata"] = self.metadata
        return cfg


def configure_env(context: Any) -> None:
    """Body of every service's `env.py`: run on the connection the caller handed over."""
    env: EnvironmentContext = context
    connection: Connection | None = env.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations with `gamja migrate`, which provides the connection")
    env.configure(
        connection=connection,
        target_metadata=env.config.attributes["metadata"],
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with env.begin_transaction():
        env.run_migrations()


async def upgrade(migrations: MigrationSet, database: Database, revision: str = "head") -> None:
    cfg = migrations.config(database.url)

    def run(connection: Connection) -> None:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)

    async with database.engine.begin() as conn:
        await conn.run_sync(run)
