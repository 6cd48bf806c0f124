"""Command line: `python -m router --supergraph FILE --port N` serves; `python -m router compose ...` composes."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from router.execution.policy import DEFAULT_SUBGRAPH_TIMEOUT, FetchPolicy

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["compose"]:
        # Imported on demand: serving a supergraph must not pay for loading the composer.
        from router.composition.cli import main as compose_main

        return int(compose_main(args[1:]) or 0)
    options = _parser().parse_args(args)
    if options.supergraph is None:
        return _serve_discovered(options.port)
    try:
        sdl = Path(options.supergraph).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"cannot read the supergraph: {exc}", file=sys.stderr)
        return 2
    if options.workers > 1:
        from router.server.workers import run_workers

        worker_argv = ["--supergraph", options.supergraph, "--host", options.host, "--port", str(options.port or 4000)]
        return run_workers([*worker_argv, "--subgraph-timeout", str(options.subgraph_timeout)], options.workers)
    from gamja.auth.tokens import TokenService
    from gamja.settings import get_settings
    from router.server import serve
    from router.server.access import token_access
    from router.server.config import FrontDoorConfig

    # The front door's limits and production switch come from the same GAMJA_ROUTER_* settings as `gamja up`,
    # and tokens are verified with the same shared key (GAMJA_JWT_SECRET) as the subgraphs'.
    settings = get_settings()
    config = FrontDoorConfig.from_settings(settings)
    policy = FetchPolicy(timeout=options.subgraph_timeout)
    with contextlib.suppress(KeyboardInterrupt), asyncio.Runner(loop_factory=_event_loop_factory()) as runner:
        runner.run(
            serve(
                sdl,
                host=options.host,
                port=options.port or 4000,
                policy=policy,
                front_door=config,
                reuse_port=options.reuse_port,
                own_process=True,
                identify=token_access(TokenService.from_settings(settings)),
            )
        )
    return 0


def _event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (a dependency on Linux and macOS): it runs the
    router's sockets and callbacks for less CPU than asyncio's own loop (bench/router/README.md)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m router",
        description="Serve a Federation v2 supergraph (or `python -m router compose --help` to compose one).",
    )
    parser.add_argument(
        "--supergraph",
        help="supergraph SDL file produced by composition; without it, the subgraphs are discovered in the "
        "registry (GAMJA_REGISTRY) and composed live",
    )
    parser.add_argument("--port", type=int, default=None, help="default 4000 (GAMJA_ROUTER_PORT when discovering)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--subgraph-timeout",
        type=float,
        default=DEFAULT_SUBGRAPH_TIMEOUT,
        help="seconds a subgraph may take to answer one request",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="router processes sharing the port (each with its own caches); about one per core",
    )
    # Set by --workers on each worker: bind the port with SO_REUSEPORT so several processes share it.
    parser.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)
    return parser


def _serve_discovered(port: int | None) -> int:
    """Discovery mode: the same router `gamja serve router` runs, configured by GAMJA_ settings."""
    from gamja.settings import get_settings
    from router.service import serve as serve_router

    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(serve_router(get_settings(), port))
    return 0
