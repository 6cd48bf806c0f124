"""Runs subgraphs in-process on one test's settings, with their databases migrated and workers off."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

from gamja.catalog import load_spec
from gamja.runner import migrate
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app
from tests.support.graphql import GraphQLClient, serve_in_process

__all__ = ["RunningService", "Stack", "running_stack"]


@dataclass
class RunningService:
    runtime: ServiceRuntime
    client: GraphQLClient


class Stack:
    """Several services sharing one event log. `settle()` is what the background workers would do."""

    def __init__(self, services: dict[str, RunningService]) -> None:
        self.services = services

    def __getitem__(self, name: str) -> RunningService:
        return self.services[name]

    async def settle(self) -> None:
        while sum([await service.runtime.settle() for service in self.services.values()]):
            pass


@asynccontextmanager
async def running_stack(settings: Settings, *names: str) -> AsyncIterator[Stack]:
    await migrate(settings, list(names))
    async with AsyncExitStack() as stack:
        services = {}
        for name in names:
            runtime = await load_spec(name).build(settings)
            app = create_subgraph_app(runtime, run_workers=False)
            client = await stack.enter_async_context(serve_in_process(app))
            services[name] = RunningService(runtime, client)
        yield Stack(services)
