"""logIn: a token for the right password, one indistinct error otherwise, throttling that lifts on its own."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from gamja.auth.tokens import TokenService
from subgraphs.users.bootstrap import PER_ADDRESS, PER_EMAIL
from tests.conftest import MakeSettings
from tests.support.addresses import via_router
from tests.support.graphql import GraphQLClient
from tests.support.services import running_stack
from tests.users.support import LOG_IN, ME, PASSWORD, first_error, sign_up


async def log_in(client: GraphQLClient, email: str, password: str, address: str | None = None) -> dict[str, Any]:
    headers = via_router(address) if address else {}
    response = await client.http.post(
        client.path, json={"query": LOG_IN, "variables": {"email": email, "password": password}}, headers=headers
    )
    body: dict[str, Any] = response.json()
    return body


async def test_log_in_returns_a_token_carrying_the_user_and_role(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        user = (await sign_up(client))["user"]
        body = await log_in(client, "  POTATO@example.com", PASSWORD)
        token = body["data"]["logIn"]["token"]
        assert body["data"]["logIn"]["user"] == {"id": user["id"], "nickname": "감자"}
        viewer = TokenService.from_settings(settings).verify(token)
        assert viewer.user_id == user["id"]
        assert viewer.roles == frozenset({"USER"})
        assert (await client.data(ME, token=token))["me"]["id"] == user["id"]


async def test_wrong_email_and_wrong_password_look_the_same(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        wrong_password = (await log_in(client, "potato@example.com", "not-the-password"))["errors"][0]
        unknown_email = (await log_in(client, "nobody@example.com", PASSWORD))["errors"][0]
        assert wrong_password["extensions"] == {"code": "UNAUTHENTICATED"}
        assert (unknown_email["message"], unknown_email["extensions"]) == (
            wrong_password["message"],
            wrong_password["extensions"],
        )
        assert wrong_password["message"]


async def test_failures_for_one_email_are_throttled_then_lift(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        # Failures from as many different addresses: it is the email that gets throttled.
        assert PER_EMAIL.max_failures == 5
        for n in range(5):
            body = await log_in(client, "potato@example.com", "wrong-password", address=f"198.51.100.{n}")
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        blocked = (await log_in(client, "potato@example.com", PASSWORD, address="198.51.100.77"))["errors"][0]
        assert blocked["extensions"]["code"] == "TOO_MANY_REQUESTS"
        assert 1 <= blocked["extensions"]["retryAfter"] <= 60
        assert "Try again in" in blocked["message"]
        # Another account is not affected.
        await sign_up(client, email="carrot@example.com", nickname="당근")
        assert "data" in await log_in(client, "carrot@example.com", PASSWORD, address="198.51.100.78")

        stack["users"].runtime.services.clock.advance(timedelta(seconds=61))
        body = await log_in(client, "potato@example.com", PASSWORD, address="198.51.100.77")
        assert body.get("errors") is None, body
        assert body["data"]["logIn"]["token"]


async def test_success_resets_the_count_for_the_email(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        # Addresses differ per round so only the email's count is in play.
        for n in range(4):
            await log_in(client, "potato@example.com", "wrong-password", address=f"198.51.100.{n}")
        assert "errors" not in await log_in(client, "potato@example.com", PASSWORD, address="198.51.100.50")
        for n in range(4):
            await log_in(client, "potato@example.com", "wrong-password", address=f"198.51.100.{n + 10}")
        assert "errors" not in await log_in(client, "potato@example.com", PASSWORD, address="198.51.100.51")


async def test_failures_from_one_address_are_throttled_across_emails(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        # An address is shared by many people (NAT), so it may fail more often than one email.
        assert PER_ADDRESS.max_failures > PER_EMAIL.max_failures
        for n in range(PER_ADDRESS.max_failures):
            body = await log_in(client, f"guess{n}@example.com", "whatever-123", address="192.0.2.10")
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        blocked = (await log_in(client, "potato@example.com", PASSWORD, address="192.0.2.10"))["errors"][0]
        assert blocked["extensions"]["code"] == "TOO_MANY_REQUESTS"
        # The real owner from their own address still gets in.
        assert "errors" not in await log_in(client, "potato@example.com", PASSWORD, address="192.0.2.11")


async def test_the_throttle_is_shared_by_replicas(make_settings: MakeSettings) -> None:
    """Two instances of the users service on one database see the same failures."""
    settings = await make_settings("users")
    async with running_stack(settings, "users") as first, running_stack(settings, "users") as second:
        await sign_up(first["users"].client)
        for n in range(5):
            replica = (first if n % 2 else second)["users"].client
            await log_in(replica, "potato@example.com", "wrong-password", address=f"198.51.100.{n}")
        error = await first_error(second["users"].client, LOG_IN, {"email": "potato@example.com", "password": PASSWORD})
        assert error["extensions"]["code"] == "TOO_MANY_REQUESTS"


async def test_concurrent_wrong_passwords_cannot_race_past_the_limit(make_settings: MakeSettings) -> None:
    """Issue 11, finding 2: check and record were two steps; 20 at once were all evaluated."""
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        await sign_up(client)
        bodies = await asyncio.gather(
            *(log_in(client, "potato@example.com", f"guess-{n}", f"198.51.100.{n}") for n in range(20))
        )
        answered = [body["errors"][0]["extensions"]["code"] for body in bodies]
        assert answered.count("UNAUTHENTICATED") == PER_EMAIL.max_failures, answered
        assert answered.count("TOO_MANY_REQUESTS") == 20 - PER_EMAIL.max_failures
