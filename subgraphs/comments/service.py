"""How the kit finds the comments service: its database, migrations, runtime and demo data."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceSpec
from subgraphs.comments.adapters.tables import CommentsTable
from subgraphs.comments.bootstrap import NAME, build
from subgraphs.comments.seed import seed

__all__ = ["SPEC"]

SPEC = ServiceSpec(
    name=NAME,
    migrations={"": MigrationSet(Path(__file__).parent / "migrations", CommentsTable.metadata)},
    build=build,
    seed=seed,
)
