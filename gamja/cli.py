"""The `gamja` command: everything `make` wraps, plus the operator's tools.

The parser is built from entry-point names only; a command imports the one service it names (`gamja serve items`,
`gamja users create-admin`), or all of them when it is about the whole stack (`gamja up`, `gamja migrate`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import traceback
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from gamja.catalog import BrokenService, CatalogError, load_service, load_spec, service_names
from gamja.service import ServiceSpec
from gamja.settings import Settings, get_settings

__all__ = ["main"]

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


async def _up(args: argparse.Namespace, settings: Settings) -> int:
    from gamja.launcher import up

    return await up(settings, seed=not args.no_seed)


async def _serve(args: argparse.Namespace, settings: Settings) -> int:
    spec = load_service(args.service)
    if not isinstance(spec, ServiceSpec):
        return await spec.serve(settings, args.port)
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


async def _no_commands(args: argparse.Namespace, settings: Settings) -> int:
    print(f"gamja: {args.command} has no commands of its own; see `gamja --help`", file=sys.stderr)
    return 2


def _named_service(argv: Sequence[str], commands: argparse._SubParsersAction[Any], names: list[str]) -> str | None:
    """The service whose own commands the command line asks for (`gamja users ...`), if any."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in names and first not in commands.choices else None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    names = service_names()
    parser = argparse.ArgumentParser(
        prog="gamja",
        description="Run and operate Gamja Market.",
        epilog=f"Installed services: {', '.join(names) or 'none'}. A service may add commands of its own: "
        "`gamja <service> --help`.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="migrate, seed on first start and run the whole embedded stack")
    up.add_argument("--no-seed", action="store_true", help="do not load the demo data set")
    up.set_defaults(func=_up)

    serve = commands.add_parser("serve", help="run one service in the foreground")
    serve.add_argument("service", choices=names)
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(func=_serve)

    migrate = commands.add_parser("migrate", help="apply database migrations (all services by default)")
    migrate.add_argument("services", nargs="*", choices=[[], *names], metavar="SERVICE")
    migrate.set_defaults(func=_migrate)

    seed = commands.add_parser("seed", help="load the demo data set")
    seed.add_argument("--force", action="store_true", help="load it even if it was loaded before")
    seed.set_defaults(func=_seed)

    for verb, hook, text in (
        ("reindex", "reindex", "rebuild a service's read store or index from its write database"),
        ("check", "check", "report differences between a service's write database and its read side"),
    ):
        command = commands.add_parser(verb, help=text)
        command.add_argument("service", choices=names)
        command.set_defaults(func=_service_hook(hook, "rebuild" if verb == "reindex" else verb))

    if (name := _named_service(argv, commands, names)) is not None:
        spec = load_service(name)
        if isinstance(spec, ServiceSpec) and spec.extend_cli is not None:
            spec.extend_cli(commands)
        else:
            commands.add_parser(name, help=f"{name} has no commands of its own").set_defaults(func=_no_commands)
    return parser


def _report(exc: CatalogError) -> int:
    if isinstance(exc, BrokenService) and exc.__cause__ is not None:
        traceback.print_exception(exc.__cause__, file=sys.stderr)
    print(f"gamja: {exc}", file=sys.stderr)
    return 1 if isinstance(exc, BrokenService) else 2


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        parser = build_parser(argv)
    except CatalogError as exc:
        return _report(exc)
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        command: Command = args.func
        return asyncio.run(command(args, settings))
    except CatalogError as exc:
        return _report(exc)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
