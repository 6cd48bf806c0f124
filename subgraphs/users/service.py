"""How the kit finds the users service: its database, runtime, demo data and CLI commands."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceSpec
from subgraphs.users.adapters.tables import UsersTable
from subgraphs.users.bootstrap import build
from subgraphs.users.cli import extend_cli
from subgraphs.users.seed import seed

__all__ = ["SPEC"]

SPEC = ServiceSpec(
    name="users",
    migrations={"": MigrationSet(Path(__file__).parent / "migrations", UsersTable.metadata)},
    build=build,
    seed=seed,
    extend_cli=extend_cli,
)
