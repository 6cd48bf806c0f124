"""The `gamja` command: everything `make` wraps, plus the operator's tools."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from gamja.catalog import SUBGRAPHS, available_subgraphs, load_spec
from gamja.settings import Settings, get_settings

__all__ = ["main"]

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


async def _up(args: argparse.Namespace, settings: Settings) -> int:
    from gamja.launcher import up

    return await up(settings, seed=not args.no_seed)


async def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if args.service == "router":
        from router.embedded import CompositionFailed, serve_router

        try:
            await serve_router(settings, port=args.port)
        except CompositionFailed as exc:
            print(f"router: {exc}", file=sys.stderr)
            return 1
        return 0
    from gamja.runner import serve_subgraph

    await serve_subgraph(settings, args.service, port=args.port)
    return 0


async def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from gamja.runner import migrate

    for done in await migrate(settings, args.services or None):
        print(f"migrated {done}")
    return 0


async def _seed(args: argparse.Namespace, settings: Settings) -> int:
    from gamja.runner import migrate, seed_all

    await migrate(settings)
    seeded = await seed_all(settings, force=args.force)
    print(f"seeded {', '.join(seeded)}" if seeded else "demo data already loaded (use --force to load it again)")
    return 0


def _service_hook(hook: str, verb: str) -> Command:
    async def run(args: argparse.Namespace, settings: Settings) -> int:
        from gamja.runner import running

        spec = load_spec(args.service)
        action = getattr(spec, hook)
        if action is None:
            print(f"{args.service} has nothing to {verb}", file=sys.stderr)
            return 2
        async with running(settings, args.service) as runtime:
            result = await action(runtime)
        if hook == "check":
            for problem in result:
                print(problem)
            print(f"{args.service}: {len(result)} difference(s)")
            return 1 if result else 0
        print(f"{verb}ed {args.service}" if verb != "rebuild" else f"rebuilt {args.service}")
        return 0

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gamja", description="Run and operate Gamja Market.")
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="migrate, seed on first start and run the whole embedded stack")
    up.add_argument("--no-seed", action="store_true", help="do not load the demo data set")
    up.set_defaults(func=_up)

    serve = commands.add_parser("serve", help="run one service in the foreground")
    serve.add_argument("service", choices=[*SUBGRAPHS, "router"])
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(func=_serve)

    migrate = commands.add_parser("migrate", help="apply database migrations (all services by default)")
    migrate.add_argument("services", nargs="*", choices=[[], *SUBGRAPHS], metavar="SERVICE")
    migrate.set_defaults(func=_migrate)

    seed = commands.add_parser("seed", help="load the demo data set")
    seed.add_argument("--force", action="store_true", help="load it even if it was loaded before")
    seed.set_defaults(func=_seed)

    for verb, hook, text in (
        ("reindex", "reindex", "rebuild a service's read store or index from its write database"),
        ("check", "check", "report differences between a service's write database and its read side"),
    ):
        command = commands.add_parser(verb, help=text)
        command.add_argument("service", choices=SUBGRAPHS)
        command.set_defaults(func=_service_hook(hook, "rebuild" if verb == "reindex" else verb))

    for name in available_subgraphs():
        extend = load_spec(name).extend_cli
        if extend is not None:
            extend(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        command: Command = args.func
        return asyncio.run(command(args, settings))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
