"""Running the router app under uvicorn."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

from router.execution.policy import FetchPolicy
from router.server.access import Identify
from router.server.bootstrap import create_app
from router.server.collector import tune_for_serving
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
    reuse_port: bool = False,
    own_process: bool = False,
    identify: Identify | None = None,
) -> None:
    """Serve until cancelled or interrupted. `reuse_port`: bind with SO_REUSEPORT, so that several
    router processes share the port (`--workers`). `own_process`: the process is the router's alone
    (`python -m router`), so its garbage collector is set for serving. `identify`: reads a viewer's
    access from its token (`@authenticated`, `@requiresScopes`)."""
    app = create_app(supergraph_sdl, policy=policy, config=front_door, identify=identify)
    if own_process:
        tune_for_serving()
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
        await server.serve(sockets=[_shared_socket(host, port)] if reuse_port else None)
    except asyncio.CancelledError:
        # Cancelling is one of the two ways to stop: still close client connections and run the
        # app's shutdown (which closes the subgraph connection pool).
        if server.started:
            await server.shutdown()
        raise


def _shared_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    # uvicorn sets TCP_NODELAY only on connections it accepts from sockets it bound itself; accepted
    # connections inherit it from here, or small answers wait ~40 ms for a delayed ACK.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    return sock
