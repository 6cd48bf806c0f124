"""Operations over services that the CLI and the launcher share: migrate, seed, build and serve."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable

import uvicorn
from starlette.types import ASGIApp

from gamja.catalog import load_spec, subgraph_names, subgraphs
from gamja.db import Database
from gamja.logs import configure_logging
from gamja.migrations import upgrade
from gamja.registry.factory import advertised_instance, open_registry
from gamja.service import ServiceRuntime
from gamja.settings import Settings

__all__ = ["migrate", "running", "seed_all", "serve_app", "serve_subgraph"]

SEED_MARKER = ".seeded"

log = logging.getLogger("gamja.runner")


async def migrate(settings: Settings, names: list[str] | None = None) -> list[str]:
    """Bring every database of the named services (default: all) to the latest revision."""
    done = []
    for name in names or subgraph_names():
        spec = load_spec(name)
        for role, migrations in spec.migrations.items():
            database = Database(settings.database_url(name, role))
            try:
                await upgrade(migrations, database)
            finally:
                await database.dispose()
            done.append(f"{name}{'/' + role if role else ''}")
    return done


@contextlib.asynccontextmanager
async def running(settings: Settings, name: str) -> AsyncIterator[ServiceRuntime]:
    runtime = await load_spec(name).build(settings)
    try:
        yield runtime
    finally:
        await runtime.close()


async def seed_all(settings: Settings, *, force: bool = False) -> list[str]:
    """Load the demo data set once (a marker under var/ remembers it); returns the services seeded."""
    marker = settings.var_dir / SEED_MARKER
    if marker.exists() and not force:
        return []
    seeded = []
    for spec in subgraphs():
        name = spec.name
        if spec.seed is None:
            continue
        async with running(settings, name) as runtime:
            await spec.seed(runtime)
        seeded.append(name)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("demo data loaded; delete this file and run `gamja seed` to load it again\n")
    return seeded


async def serve_app(
    app: ASGIApp,
    *,
    host: str,
    port: int,
    log_level: str,
    on_started: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Serve an ASGI app until SIGINT/SIGTERM, or until the launcher that started us goes away.

    `on_started` runs once the socket accepts connections; if it fails, the server stops and its error is raised.
    """
    # proxy_headers=False: a client must not be able to choose the address the throttles and view counters see.
    config = uvicorn.Config(
        app, host=host, port=port, log_config=None, log_level=log_level.lower(), lifespan="on", proxy_headers=False
    )
    server = uvicorn.Server(config)
    parent = os.environ.get("GAMJA_PARENT_PID")

    async def watch_parent() -> None:
        # If the launcher is killed outright it cannot stop us: leave instead of lingering as an orphan.
        while parent is not None and not server.should_exit:
            if os.getppid() != int(parent):
                server.should_exit = True
            await asyncio.sleep(0.5)

    async def announce(callback: Callable[[], Awaitable[None]]) -> None:
        while not server.started:  # noqa: ASYNC110 - uvicorn offers a flag, not an event
            await asyncio.sleep(0.05)
        try:
            await callback()
        except BaseException:
            server.should_exit = True
            raise

    watchdog = asyncio.create_task(watch_parent())
    announcer = asyncio.create_task(announce(on_started)) if on_started is not None else None
    try:
        await server.serve()
    finally:
        watchdog.cancel()
        if announcer is not None:
            announcer.cancel()  # a no-op once it has run
            with contextlib.suppress(asyncio.CancelledError):
                await announcer


async def serve_subgraph(settings: Settings, name: str, *, port: int | None = None) -> None:
    """Serve one subgraph; with the Consul registry it registers once listening and deregisters on the way out."""
    from gamja.subgraph.app import create_subgraph_app

    configure_logging(name, settings.log_level)
    runtime = await load_spec(name).build(settings)
    app = create_subgraph_app(runtime, run_workers=settings.run_workers)
    port = port or settings.port(name)
    if settings.registry != "consul":
        # The static table lives in the router's settings: nothing to announce.
        await serve_app(app, host=settings.host, port=port, log_level=settings.log_level)
        return
    registry = open_registry(settings, [name])
    instance = advertised_instance(settings, name, port)
    try:
        await serve_app(
            app,
            host=settings.host,
            port=port,
            log_level=settings.log_level,
            on_started=lambda: registry.register(instance),
        )
    finally:
        try:
            await registry.deregister(instance.instance_id)
        except Exception:
            # Consul drops the instance itself once its health check has been critical for a while.
            log.warning("could not deregister %s from Consul", instance.instance_id, exc_info=True)


def install_stop_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
