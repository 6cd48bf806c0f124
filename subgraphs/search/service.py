"""How the kit finds the search subgraph: its database, its build, and `gamja reindex search`."""

from __future__ import annotations

from pathlib import Path

from gamja.migrations import MigrationSet
from gamja.service import ServiceRuntime, ServiceSpec
from subgraphs.search.adapters.tables import SearchTable
from subgraphs.search.bootstrap import SearchServices, build

__all__ = ["SPEC"]


async def reindex(runtime: ServiceRuntime) -> None:
    """Replay `items.events` from the beginning into the index, which keeps answering meanwhile (see Indexer.rebuild)."""
    services: SearchServices = runtime.services
    await services.indexer.rebuild()


async def check(runtime: ServiceRuntime) -> list[str]:
    """Items whose indexed version differs from the latest one in `items.events`."""
    services: SearchServices = runtime.services
    return await services.indexer.differences()


SPEC = ServiceSpec(
    name="search",
    after=("items",),
    migrations={"": MigrationSet(Path(__file__).parent / "migrations", SearchTable.metadata)},
    build=build,
    reindex=reindex,
    check=check,
)
