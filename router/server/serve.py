"""Running the router app under uvicorn."""

from __future__ import annotations

import asyncio

import uvicorn

from router.execution.policy import FetchPolicy
from router.server.bootstrap import create_app
from router.server.config import FrontDoorConfig

__all__ = ["serve"]


async def serve(
    supergraph_sdl: str,
    *,
    host: str = "127.0.0.1",
    port: int = 4000,
    policy: FetchPolicy | None = None,
    log_level: str = "info",
    front_door: FrontDoorConfig | None = None,
) -> None:
    """Serve until cancelled or interrupted."""
    app = create_app(supergraph_sdl, policy=policy, config=front_door)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        # uvicorn would otherwise let any local client rewrite its own address with X-Forwarded-For;
        # the router appends the real socket peer to the header it forwards instead.
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    try:
        await server.serve()
    except asyncio.CancelledError:
        # Cancelling is one of the two ways to stop: still close client connections and run the
        # app's shutdown (which closes the subgraph connection pool).
        if server.started:
            await server.shutdown()
        raise
