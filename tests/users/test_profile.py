"""me, user(id), updateProfile and changePassword, and who sees an email."""

from __future__ import annotations

import pytest

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from tests.conftest import MakeSettings
from tests.support.services import running_stack
from tests.users.support import LOG_IN, ME, PASSWORD, first_error, sign_up

USER_BY_ID = "query ($id: ID!) { user(id: $id) { id nickname region email } }"
UPDATE_PROFILE = """
mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id nickname region email } }
"""
CHANGE_PASSWORD = """
mutation ($old: String!, $new: String!) { changePassword(oldPassword: $old, newPassword: $new) { id } }
"""


async def test_me_is_null_when_anonymous_and_an_error_for_a_bad_token(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        assert await client.data(ME) == {"me": None}
        error = await first_error(client, ME, token="not-a-token")
        assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_user_by_id_and_unknown_ids(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        user = (await sign_up(client))["user"]
        found = (await client.data(USER_BY_ID, {"id": user["id"]}))["user"]
        assert found == {"id": user["id"], "nickname": "감자", "region": "서울 마포구 망원동", "email": None}
        assert await client.data(USER_BY_ID, {"id": "00000000-0000-4000-8000-00000000dead"}) == {"user": None}
        assert await client.data(USER_BY_ID, {"id": "not a uuid"}) == {"user": None}


async def test_email_is_visible_to_self_and_admins_only(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        owner = await sign_up(client)
        other = await sign_up(client, email="carrot@example.com", nickname="당근")
        owner_id = owner["user"]["id"]
        admin_token = TokenService.from_settings(settings).issue(Viewer("some-admin", frozenset({USER, ADMIN})))

        async def email_seen_with(token: str | None) -> str | None:
            email: str | None = (await client.data(USER_BY_ID, {"id": owner_id}, token=token))["user"]["email"]
            return email

        assert await email_seen_with(owner["token"]) == "potato@example.com"
        assert await email_seen_with(admin_token) == "potato@example.com"
        assert await email_seen_with(other["token"]) is None
        assert await email_seen_with(None) is None


async def test_update_profile_changes_nickname_and_region(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        owner = await sign_up(client)
        updated = await client.data(
            UPDATE_PROFILE, {"input": {"nickname": " 감자왕 ", "region": "서울  성동구 성수동"}}, token=owner["token"]
        )
        assert updated["updateProfile"] == {
            "id": owner["user"]["id"],
            "nickname": "감자왕",
            "region": "서울 성동구 성수동",
            "email": "potato@example.com",
        }
        only_region = await client.data(
            UPDATE_PROFILE, {"input": {"region": "부산 해운대구 우동"}}, token=owner["token"]
        )
        assert only_region["updateProfile"]["nickname"] == "감자왕"
        me = (await client.data(ME, token=owner["token"]))["me"]
        assert (me["nickname"], me["region"]) == ("감자왕", "부산 해운대구 우동")


@pytest.mark.parametrize(
    ("field", "value"), [("nickname", "감"), ("nickname", "가" * 21), ("region", " "), ("region", "서" * 51)]
)
async def test_update_profile_validates_like_sign_up(make_settings: MakeSettings, field: str, value: str) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        owner = await sign_up(client)
        error = await first_error(client, UPDATE_PROFILE, {"input": {field: value}}, token=owner["token"])
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_update_profile_rules(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        owner = await sign_up(client)
        await sign_up(client, email="carrot@example.com", nickname="당근")
        taken = await first_error(client, UPDATE_PROFILE, {"input": {"nickname": "당근"}}, token=owner["token"])
        assert taken["extensions"] == {"code": "CONFLICT", "field": "nickname"}
        # Keeping one's own nickname is not a conflict.
        same = await client.data(UPDATE_PROFILE, {"input": {"nickname": "감자"}}, token=owner["token"])
        assert same["updateProfile"]["nickname"] == "감자"
        anonymous = await first_error(client, UPDATE_PROFILE, {"input": {"nickname": "누구"}})
        assert anonymous["extensions"]["code"] == "UNAUTHENTICATED"


async def test_change_password_needs_the_old_one(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        owner = await sign_up(client)
        token = owner["token"]
        wrong_old = await first_error(
            client, CHANGE_PASSWORD, {"old": "not-it-at-all", "new": "brand-new-pass"}, token=token
        )
        assert wrong_old["extensions"] == {"code": "BAD_USER_INPUT", "field": "oldPassword"}
        too_short = await first_error(client, CHANGE_PASSWORD, {"old": PASSWORD, "new": "short"}, token=token)
        assert too_short["extensions"] == {"code": "BAD_USER_INPUT", "field": "newPassword"}
        is_email = await first_error(
            client, CHANGE_PASSWORD, {"old": PASSWORD, "new": "potato@example.com"}, token=token
        )
        assert is_email["extensions"] == {"code": "BAD_USER_INPUT", "field": "newPassword"}
        anonymous = await first_error(client, CHANGE_PASSWORD, {"old": PASSWORD, "new": "brand-new-pass"})
        assert anonymous["extensions"]["code"] == "UNAUTHENTICATED"

        await client.data(CHANGE_PASSWORD, {"old": PASSWORD, "new": "brand-new-pass"}, token=token)
        old_login = await first_error(client, LOG_IN, {"email": "potato@example.com", "password": PASSWORD})
        assert old_login["extensions"]["code"] == "UNAUTHENTICATED"
        new_login = await client.data(LOG_IN, {"email": "potato@example.com", "password": "brand-new-pass"})
        assert new_login["logIn"]["user"]["id"] == owner["user"]["id"]


async def test_guessing_the_old_password_is_throttled(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        token = (await sign_up(client))["token"]
        for n in range(5):
            await client.execute(CHANGE_PASSWORD, {"old": f"guess-{n}-xxxx", "new": "brand-new-pass"}, token=token)
        blocked = await first_error(client, CHANGE_PASSWORD, {"old": PASSWORD, "new": "brand-new-pass"}, token=token)
        assert blocked["extensions"]["code"] == "TOO_MANY_REQUESTS"
