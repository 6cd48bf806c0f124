"""How the kit finds the comments service: its database, migrations, runtime, demo data, reindex and check."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceRuntime, ServiceSpec
from subgraphs.comments.adapters.tables import CommentsTable
from subgraphs.comments.bootstrap import NAME, build
from subgraphs.comments.seed import seed
from subgraphs.comments.service_layer.container import CommentsServices

__all__ = ["SPEC"]


async def reindex(runtime: ServiceRuntime) -> None:
    """Rebuild the known items from the whole `items.events` log; the comments themselves stay untouched."""
    services: CommentsServices = runtime.services
    await services.known_items.rebuild()


async def check(runtime: ServiceRuntime) -> list[str]:
    """Known items whose version, seller or deletion differ from the latest event of that item in the log."""
    services: CommentsServices = runtime.services
    return await services.known_items.differences()


SPEC = ServiceSpec(
    name=NAME,
    after=("users", "items"),
    migrations={"": MigrationSet(Path(__file__).parent / "migrations", CommentsTable.metadata)},
    build=build,
    seed=seed,
    reindex=reindex,
    check=check,
)
