"""How the kit finds the router: the `router` entry point of `gamja.services`, served by `gamja serve router`."""

from __future__ import annotations

from gamja.catalog import service_names
from gamja.service import GatewaySpec
from gamja.settings import Settings

__all__ = ["SPEC"]

NAME = "router"


async def serve(settings: Settings, port: int | None) -> int:
    # Imported here: `gamja --help` and the subgraphs' commands must not pay for (or break on) the router.
    from router.embedded import serve_router

    # Every other installed service is a subgraph. Their names come from package metadata: the router never
    # imports a subgraph's code.
    subgraphs = [name for name in service_names() if name != NAME]
    # A composition that fails is not fatal: the router serves /ready (503, with the reason) and keeps trying.
    await serve_router(settings, subgraphs, port=port)
    return 0


SPEC = GatewaySpec(name=NAME, serve=serve)
