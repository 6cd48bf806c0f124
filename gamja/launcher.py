"""`gamja up`: migrate, seed on first start, run every subgraph and the router as child processes, restarting
any that crashes (gamja.supervision) until Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from dataclasses import dataclass

import httpx

from gamja.catalog import gateways, subgraph_names
from gamja.runner import install_stop_signals, migrate, seed_all
from gamja.settings import Settings
from gamja.supervision import Backoff, supervise

__all__ = ["Child", "up"]

STOP_GRACE = 10.0


@dataclass
class Child:
    name: str
    port: int
    process: asyncio.subprocess.Process
    gateway: bool = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


async def _spawn(name: str, port: int, *, gateway: bool = False) -> Child:
    env = {**os.environ, "GAMJA_PARENT_PID": str(os.getpid())}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "gamja.cli", "serve", name, "--port", str(port), env=env
    )
    return Child(name, port, process, gateway)


async def _restart(child: Child, client: httpx.AsyncClient, timeout: float) -> None:
    """Start `child` again on its port; a restart that does not become healthy is killed, so it counts as a crash."""
    child.process = (await _spawn(child.name, child.port, gateway=child.gateway)).process
    try:
        await _wait_healthy(child, client, timeout)
    except RuntimeError as exc:
        print(f"gamja: restart failed: {exc}", file=sys.stderr, flush=True)
        with contextlib.suppress(ProcessLookupError):
            child.process.kill()
        return
    print(f"gamja: {child.name} is back on port {child.port}", file=sys.stderr, flush=True)


async def _wait_healthy(child: Child, client: httpx.AsyncClient, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.process.returncode is not None:
            raise RuntimeError(
                f"{child.name} exited during start-up (code {child.process.returncode}); see its log above"
            )
        with contextlib.suppress(httpx.HTTPError):
            response = await client.get(f"{child.base_url}/health", timeout=1.0)
            if response.status_code == 200:
                return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{child.name} did not become healthy on port {child.port} within {timeout:.0f}s")


async def _stop(children: list[Child]) -> None:
    for child in children:
        if child.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                child.process.terminate()
    for child in children:
        try:
            await asyncio.wait_for(child.process.wait(), timeout=STOP_GRACE)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                child.process.kill()
            await child.process.wait()


async def up(settings: Settings, *, seed: bool = True, backoff: Backoff | None = None) -> int:
    names = subgraph_names()
    timeout = settings.startup_timeout_seconds
    gateway_names = [spec.name for spec in gateways()]
    print(f"gamja: migrating {', '.join(names) or 'nothing'} (data under {settings.var_dir.resolve()})", flush=True)
    await migrate(settings, names)
    if seed and (seeded := await seed_all(settings)):
        print(f"gamja: loaded demo data into {', '.join(seeded)}", flush=True)

    stop = asyncio.Event()
    install_stop_signals(stop)
    children: list[Child] = []
    supervisors: list[asyncio.Task[None]] = []
    try:
        async with httpx.AsyncClient() as client:
            for name in names:
                children.append(await _spawn(name, settings.port(name)))
            await asyncio.gather(*(_wait_healthy(child, client, timeout) for child in children))
            for name in gateway_names:
                gateway = await _spawn(name, settings.port(name), gateway=True)
                children.append(gateway)
                await _wait_healthy(gateway, client, timeout)
            _print_urls(settings, children)
            supervisors = [
                asyncio.create_task(_supervise(child, client, backoff or Backoff(), timeout)) for child in children
            ]
            await stop.wait()
        print("\ngamja: stopping...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"gamja: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        # Supervisors first, so nothing is restarted while the children are being stopped.
        for supervisor in supervisors:
            supervisor.cancel()
        await asyncio.gather(*supervisors, return_exceptions=True)
        await _stop(children)
        print("gamja: all services stopped", flush=True)


async def _supervise(child: Child, client: httpx.AsyncClient, backoff: Backoff, timeout: float) -> None:
    async def wait_exit() -> int:
        return await child.process.wait()

    async def restart() -> None:
        await _restart(child, client, timeout)

    await supervise(child.name, wait_exit, restart, backoff)


def _print_urls(settings: Settings, children: list[Child]) -> None:
    host = settings.public_host
    lines = ["", "Gamja Market is running:"]
    # The web app first: it is what a person opens (the router serves it at `/`, router/server/web_app.py).
    lines += [f"  {'web app':<32} http://{host}:{child.port}/" for child in children if child.gateway]
    for child in children:
        label = f"{child.name} (GraphiQL in a browser)" if child.gateway else f"{child.name} subgraph"
        lines.append(f"  {label:<32} http://{host}:{child.port}/graphql")
    lines.append("Press Ctrl-C to stop.")
    print("\n".join(lines), flush=True)
