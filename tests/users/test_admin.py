"""Roles: admins come only from `gamja users create-admin`, and their tokens say so."""

from __future__ import annotations

import io

import pytest

from gamja.auth.tokens import TokenService
from gamja.cli import build_parser
from gamja.settings import Settings
from tests.conftest import MakeSettings
from tests.support.services import running_stack
from tests.users.support import LOG_IN, SIGN_UP, sign_up, sign_up_input

ADMIN_PASSWORD = "admin-pass-4321"


async def create_admin(settings: Settings, monkeypatch: pytest.MonkeyPatch, *extra: str, stdin: str) -> int:
    argv = ["users", "create-admin", "--email", "Admin@Example.com", "--nickname", "관리자", "--region", "서울 마포구"]
    # The parser holds a service's own commands only when the command line names that service.
    args = build_parser([*argv, *extra]).parse_args([*argv, *extra])
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code: int = await args.func(args, settings)
    return code


async def test_cli_creates_an_admin_whose_token_carries_the_role(
    make_settings: MakeSettings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = await make_settings("users")
    assert await create_admin(settings, monkeypatch, "--password-stdin", stdin=ADMIN_PASSWORD + "\n") == 0
    assert "created admin 관리자 <admin@example.com>" in capsys.readouterr().out
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        signed_in = await client.data(LOG_IN, {"email": "admin@example.com", "password": ADMIN_PASSWORD})
        token = signed_in["logIn"]["token"]
        assert TokenService.from_settings(settings).verify(token).is_admin
        assert (await client.data("{ me { roles } }", token=token))["me"]["roles"] == ["USER", "ADMIN"]
        # An ordinary sign-up is never an admin, and the input has no way to ask for it.
        user = await sign_up(client)
        assert user["user"]["roles"] == ["USER"]
        assert not TokenService.from_settings(settings).verify(user["token"]).is_admin
        body = await client.execute(
            SIGN_UP, {"input": {**sign_up_input(email="x@example.com", nickname="엑스"), "roles": ["ADMIN"]}}
        )
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_cli_validates_like_sign_up_and_refuses_duplicates(
    make_settings: MakeSettings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = await make_settings("users")
    assert await create_admin(settings, monkeypatch, "--password-stdin", stdin="short\n") == 1
    assert "8 characters" in capsys.readouterr().err
    assert await create_admin(settings, monkeypatch, "--password-stdin", stdin=ADMIN_PASSWORD + "\n") == 0
    assert await create_admin(settings, monkeypatch, "--password-stdin", stdin=ADMIN_PASSWORD + "\n") == 1
    assert "already exists" in capsys.readouterr().err


async def test_cli_prompts_without_echo_and_has_no_password_argument(
    make_settings: MakeSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = await make_settings("users")
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return ADMIN_PASSWORD

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert await create_admin(settings, monkeypatch, stdin="") == 0
    assert len(prompts) == 2  # asked twice, to catch a typo
    argv = ["users", "create-admin", "--email", "a@b.co", "--nickname", "ab", "--region", "r", "--password", "x"]
    with pytest.raises(SystemExit):
        build_parser(argv).parse_args(argv)
