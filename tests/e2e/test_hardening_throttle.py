"""Findings 2 and 7 of issue 11: the sign-in throttle cannot be raced, and sign-ups are throttled too."""

from __future__ import annotations

import asyncio

from subgraphs.users.bootstrap import PER_EMAIL, SIGN_UPS_PER_ADDRESS
from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import SIGN_UP, codes, signed_up

LOG_IN = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }"


async def test_twenty_concurrent_wrong_passwords_are_at_most_the_limit_evaluated(marketplace: Marketplace) -> None:
    await signed_up(marketplace.router, "victim@example.com", "피해자")
    bodies = await asyncio.gather(
        *(marketplace.router.execute(LOG_IN, {"e": "victim@example.com", "p": f"guess-{n}"}) for n in range(20))
    )
    answers = [code for body in bodies for code in codes(body)]
    assert len(answers) == 20
    assert answers.count("UNAUTHENTICATED") <= PER_EMAIL.max_failures, answers
    assert answers.count("TOO_MANY_REQUESTS") >= 20 - PER_EMAIL.max_failures
    throttled = next(body for body in bodies if codes(body) == ["TOO_MANY_REQUESTS"])
    assert throttled["errors"][0]["extensions"]["retryAfter"] >= 1


async def test_the_right_password_after_failures_still_signs_in_and_resets_the_count(marketplace: Marketplace) -> None:
    await signed_up(marketplace.router, "owner@example.com", "주인")
    for n in range(PER_EMAIL.max_failures - 1):
        assert codes(await marketplace.router.execute(LOG_IN, {"e": "owner@example.com", "p": f"x{n}"})) == [
            "UNAUTHENTICATED"
        ]
    for _ in range(PER_EMAIL.max_failures + 1):
        await marketplace.router.data(LOG_IN, {"e": "owner@example.com", "p": "correct-horse-1"})


async def test_sign_up_is_throttled_per_address_with_a_useful_message(marketplace: Marketplace) -> None:
    await signed_up(marketplace.router, "taken@example.com", "먼저")
    answers = []
    for n in range(SIGN_UPS_PER_ADDRESS.max_failures + 1):
        variables = {
            "input": {"email": "taken@example.com", "password": "pw-123456", "nickname": f"닉{n}", "region": "서울"}
        }
        answers.append(await marketplace.router.execute(SIGN_UP, variables))
    # The first sign-up above counted too: the limit is reached one attempt earlier.
    assert [codes(body) for body in answers[: SIGN_UPS_PER_ADDRESS.max_failures - 1]] == [["CONFLICT"]] * (
        SIGN_UPS_PER_ADDRESS.max_failures - 1
    )
    assert "log in instead" in answers[0]["errors"][0]["message"]
    assert codes(answers[-1]) == ["TOO_MANY_REQUESTS"]
    assert "Try again in" in answers[-1]["errors"][0]["message"]
