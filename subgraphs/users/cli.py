"""`gamja users ...`: operator commands of the users service (admins are made here, never through the API)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from gamja.errors import GamjaError
from gamja.settings import Settings

__all__ = ["extend_cli"]


def extend_cli(commands: Any) -> None:
    users = commands.add_parser("users", help="manage user accounts")
    actions = users.add_subparsers(dest="users_command", required=True)
    create = actions.add_parser(
        "create-admin",
        help="create an ADMIN account",
        description="Create an ADMIN account. The password is asked for on the terminal, or read from the "
        "first line of standard input with --password-stdin; it is never a command-line argument, "
        "which other users of the machine could read in the process list.",
    )
    create.add_argument("--email", required=True)
    create.add_argument("--nickname", required=True)
    create.add_argument("--region", required=True, help="home neighbourhood, e.g. '서울 마포구 망원동'")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(func=create_admin)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password for the new admin: ")
    if getpass.getpass("Repeat it: ") != password:
        raise GamjaError("The two passwords differ; nothing was created.")
    return password


async def create_admin(args: argparse.Namespace, settings: Settings) -> int:
    from gamja.runner import migrate, running

    try:
        password = await asyncio.to_thread(_read_password, args.password_stdin)
        await migrate(settings, ["users"])
        async with running(settings, "users") as runtime:
            user = await runtime.services.accounts.create_admin(
                email=args.email, password=password, nickname=args.nickname, region=args.region
            )
    except GamjaError as exc:
        field = exc.extensions.get("field")
        print(f"error: {exc.message}" + (f" ({field})" if field else ""), file=sys.stderr)
        return 1
    print(f"created admin {user.nickname} <{user.email}> with id {user.id}")
    return 0
