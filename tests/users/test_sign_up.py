"""signUp: validation per field, normalisation, uniqueness, hashed passwords, a usable token."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import MakeSettings
from tests.support.services import running_stack
from tests.users.support import ME, PASSWORD, SIGN_UP, first_error, sign_up, sign_up_input


async def test_sign_up_returns_a_token_that_signs_the_user_in(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        payload = await sign_up(client, email="  Potato@Example.COM ", region=" 서울  마포구 망원동 ")
        user = payload["user"]
        assert user["email"] == "potato@example.com"
        assert user["region"] == "서울 마포구 망원동"
        assert user["roles"] == ["USER"]
        assert user["mannerScore"] == 36.5
        assert user["createdAt"].endswith("Z")
        me = (await client.data(ME, token=payload["token"]))["me"]
        assert me == {
            "id": user["id"],
            "email": "potato@example.com",
            "nickname": "감자",
            "region": "서울 마포구 망원동",
            "roles": ["USER"],
        }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", ""),
        ("email", "not-an-email"),
        ("email", "a@" + "b" * 250 + ".com"),
        ("password", "short7!"),
        ("password", "potato@example.com"),
        ("password", "x" * 257),
        ("nickname", "감"),
        ("nickname", "   감   "),
        ("nickname", "가" * 21),
        ("region", "   "),
        ("region", "서" * 51),
    ],
)
async def test_each_invalid_field_is_named(make_settings: MakeSettings, field: str, value: str) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        error = await first_error(stack["users"].client, SIGN_UP, {"input": sign_up_input(**{field: value})})
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["field"] == field
        assert error["message"]


async def test_password_equal_to_email_is_refused_whatever_the_case(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        error = await first_error(
            stack["users"].client,
            SIGN_UP,
            {"input": sign_up_input(email="Long.Name@Example.com", password="long.name@example.COM")},
        )
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "password"}


async def test_duplicate_email_or_nickname_is_a_conflict(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        same_email = await first_error(
            client, SIGN_UP, {"input": sign_up_input(email="POTATO@example.com ", nickname="다른사람")}
        )
        assert same_email["extensions"] == {"code": "CONFLICT", "field": "email"}
        same_nickname = await first_error(client, SIGN_UP, {"input": sign_up_input(email="other@example.com")})
        assert same_nickname["extensions"] == {"code": "CONFLICT", "field": "nickname"}
        # Nothing was created by the refused attempts: the other email is still free.
        await sign_up(client, email="other@example.com", nickname="다른사람")


async def test_passwords_are_stored_only_as_argon2_hashes(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        await sign_up(stack["users"].client)
        async with stack["users"].runtime.databases[""].engine.connect() as conn:
            stored = (await conn.execute(text("SELECT password_hash FROM users"))).scalar_one()
        assert stored.startswith("$argon2id$")
        assert PASSWORD not in stored
