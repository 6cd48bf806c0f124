"""The demo accounts: every demo user can sign in with the demo password; seeding twice changes nothing."""

from __future__ import annotations

from gamja.demo import DEMO_PASSWORD, DEMO_USERS
from subgraphs.users.service import SPEC
from tests.conftest import MakeSettings
from tests.support.services import running_stack
from tests.users.support import LOG_IN, sign_up

USERS = "query ($id: ID!) { user(id: $id) { id nickname region } }"


async def test_seed_is_idempotent_and_demo_users_can_sign_in(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        assert SPEC.seed is not None
        # A person who signed up with a demo nickname first keeps it; that demo user is skipped.
        await sign_up(client, email="early@example.com", nickname=DEMO_USERS[-1].nickname)
        await SPEC.seed(stack["users"].runtime)
        await SPEC.seed(stack["users"].runtime)
        for demo in DEMO_USERS[:-1]:
            found = (await client.data(USERS, {"id": demo.id}))["user"]
            assert found == {"id": demo.id, "nickname": demo.nickname, "region": demo.region}
            signed_in = await client.data(LOG_IN, {"email": demo.email, "password": DEMO_PASSWORD})
            assert signed_in["logIn"]["user"]["id"] == demo.id
        assert (await client.data(USERS, {"id": DEMO_USERS[-1].id}))["user"] is None
