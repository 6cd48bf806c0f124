"""The router of the stack: subgraphs discovered in the registry, composed live, served on the router port."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import httpx

from gamja.logs import configure_logging
from gamja.registry.base import ServiceInstance, ServiceRegistry
from gamja.registry.factory import open_registry
from gamja.runner import serve_app
from gamja.settings import Settings
from router.composition import CompositionResult, SubgraphSource, compose
from router.composition.cli import SubgraphUnreachable, fetch_sdl
from router.discovery.loop import Discovery, DiscoveryPolicy
from router.execution.breaker import BreakerPolicy
from router.execution.policy import FetchPolicy
from router.server.bootstrap import RouterCore
from router.telemetry import Telemetry
from router.telemetry.context import RequestIdLogFilter

__all__ = ["CompositionFailed", "compose_from_registry", "fetch_policy", "serve_router"]

log = logging.getLogger("router")

SDL_WAIT_SECONDS = 30.0


class CompositionFailed(RuntimeError):
    pass


async def _sdl_when_ready(client: httpx.AsyncClient, name: str, url: str) -> str:
    """A subgraph may still be starting: retry until it answers `_service { sdl }` or time runs out."""
    deadline = time.monotonic() + SDL_WAIT_SECONDS
    while True:
        try:
            return await fetch_sdl(client, name, url)
        except SubgraphUnreachable:
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.2)


async def _instance_when_ready(registry: ServiceRegistry, name: str) -> ServiceInstance:
    """With Consul a subgraph appears once it listens and its health check passes: wait for that, within limits."""
    deadline = time.monotonic() + SDL_WAIT_SECONDS
    while not (instances := await registry.instances(name)):
        if time.monotonic() >= deadline:
            raise CompositionFailed(f"no instance of subgraph {name!r} is registered")
        await asyncio.sleep(0.5)
    return instances[0]


async def compose_from_registry(registry: ServiceRegistry, names: list[str]) -> CompositionResult:
    sources = []
    async with httpx.AsyncClient(timeout=5.0) as client:
        for name in names:
            url = (await _instance_when_ready(registry, name)).url
            sources.append(SubgraphSource(name, url, await _sdl_when_ready(client, name, url)))
    result = compose(sources)
    if result.errors:
        details = "\n".join(f"  [{error.code}] {error.message}" for error in result.errors)
        raise CompositionFailed(f"the subgraphs do not compose:\n{details}")
    return result


async def serve_router(settings: Settings, names: list[str], *, port: int | None = None) -> None:
    """Compose the subgraphs called `names` (found through the registry) and serve the supergraph."""
    configure_logging("router", settings.log_level)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RequestIdLogFilter())
    core = RouterCore(policy=fetch_policy(settings), telemetry=Telemetry(otlp_endpoint=settings.otlp_endpoint))
    discovery = Discovery(
        open_registry(settings, names),
        names,
        core,
        DiscoveryPolicy(poll_seconds=settings.discovery_poll_seconds, wait_seconds=settings.discovery_wait_seconds),
    )
    watching = asyncio.create_task(discovery.run())
    try:
        # Listen once the first supergraph is composed (as `make run` always did), within limits: after that
        # the router serves anyway, /ready says 503 and why, and discovery keeps trying.
        loaded = asyncio.create_task(core.serving.loaded.wait())
        await asyncio.wait([loaded, watching], timeout=SDL_WAIT_SECONDS, return_when=asyncio.FIRST_COMPLETED)
        loaded.cancel()
        if core.serving.current is None:
            log.error("no supergraph yet (%s); serving /ready as 503 until one composes", core.serving.problem)
        app = core.app()
        await serve_app(app, host=settings.host, port=port or settings.router_port, log_level=settings.log_level)
    finally:
        watching.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watching


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.subgraph_timeout_seconds,
        timeouts=dict(settings.subgraph_timeouts),
        connect_timeout=settings.subgraph_connect_timeout_seconds,
        breaker=BreakerPolicy(
            failure_threshold=settings.breaker_failure_threshold,
            open_seconds=settings.breaker_open_seconds,
            half_open_probes=settings.breaker_half_open_probes,
        ),
        dedup_queries=settings.subgraph_dedup,
        balancing=settings.subgraph_balancing,
    )
