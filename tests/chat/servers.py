"""Chat replicas on real sockets with their background workers running, as `gamja serve chat` runs them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import uvicorn

from gamja.catalog import load_spec
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app

__all__ = ["Replica", "chat_replica", "serve_service"]


class Replica:
    def __init__(self, runtime: ServiceRuntime, url: str, server: uvicorn.Server) -> None:
        self.runtime = runtime
        self.url = url
        self.server = server

    async def listening(self, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until `count` subscriptions are registered here: graphql-ws does not acknowledge a subscribe,
        and a message sent before then is (by design) only for subscribers that come back with `after`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self.runtime.services.live.listener_count < count:
            assert asyncio.get_running_loop().time() < deadline, "the subscription never reached the replica"
            await asyncio.sleep(0.01)

    def kill(self) -> None:
        """Stop at once, dropping open connections (as a crashed process would)."""
        self.server.should_exit = True
        self.server.force_exit = True


def chat_replica(settings: Settings) -> AbstractAsyncContextManager[Replica]:
    """One chat process (database migrated by the caller); yields once it listens on a free port."""
    return serve_service(settings, "chat")


@asynccontextmanager
async def serve_service(settings: Settings, name: str) -> AsyncIterator[Replica]:
    """One subgraph process with its workers, on a free port (database migrated by the caller)."""
    runtime = await load_spec(name).build(settings)
    app = create_subgraph_app(runtime, run_workers=True)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on", ws_ping_interval=None)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Replica(runtime, f"http://127.0.0.1:{port}/graphql", server)
    finally:
        server.should_exit = True
        await task
