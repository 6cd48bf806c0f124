"""How the kit finds the chat service: its database, migrations, runtime and demo data."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceSpec
from subgraphs.chat.adapters.tables import ChatTable
from subgraphs.chat.bootstrap import NAME, build
from subgraphs.chat.seed import seed

__all__ = ["SPEC"]

SPEC = ServiceSpec(
    name=NAME,
    after=("users", "items"),
    migrations={"": MigrationSet(Path(__file__).parent / "migrations", ChatTable.metadata)},
    build=build,
    seed=seed,
)
