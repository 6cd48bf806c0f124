"""Fake subgraphs on a real loopback socket (aiohttp server), for tests of the router's HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from aiohttp import web
from aiohttp.test_utils import RawTestServer

__all__ = ["Handler", "serve"]

Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[str]:
    """Serve `handler` on a free port; yields the origin (`http://127.0.0.1:PORT`)."""
    server = RawTestServer(handler, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/")
    finally:
        await server.close()
