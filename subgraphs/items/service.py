"""How the kit finds the items service: two databases (write DB and read store), reindex and check."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceRuntime, ServiceSpec
from subgraphs.items.adapters.tables import WriteTables
from subgraphs.items.bootstrap import build
from subgraphs.items.container import ItemsServices
from subgraphs.items.read_model.maintenance import differences, rebuild_read_store
from subgraphs.items.read_model.tables import ReadTables
from subgraphs.items.seed import seed

__all__ = ["SPEC"]

_MIGRATIONS = Path(__file__).parent / "migrations"


async def reindex(runtime: ServiceRuntime) -> None:
    container: ItemsServices = runtime.services
    await rebuild_read_store(container.write_db, container.read_db)


async def check(runtime: ServiceRuntime) -> list[str]:
    container: ItemsServices = runtime.services
    return await differences(container.write_db, container.read_db)


SPEC = ServiceSpec(
    name="items",
    after=("users",),
    migrations={
        "": MigrationSet(_MIGRATIONS / "write", WriteTables.metadata),
        "read": MigrationSet(_MIGRATIONS / "read", ReadTables.metadata),
    },
    build=build,
    seed=seed,
    reindex=reindex,
    check=check,
)
