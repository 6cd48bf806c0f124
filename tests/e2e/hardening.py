"""Helpers for the hardening tests: raw JSON bodies (httpx cannot encode a lone surrogate) and sign-ups."""

from __future__ import annotations

import json
from typing import Any

from tests.support.graphql import GraphQLClient

__all__ = ["post_raw", "signed_up"]


async def post_raw(
    client: GraphQLClient, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
) -> tuple[int, dict[str, Any]]:
    """POST with `\\uXXXX` escapes, as a browser's JSON.stringify sends a lone surrogate."""
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=True)
    response = await client.http.post(client.path, content=body.encode(), headers=headers)
    payload: dict[str, Any] = response.json()
    return response.status_code, payload


def codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors") or []]


SIGN_UP = "mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }"


async def signed_up(client: GraphQLClient, email: str, nickname: str) -> tuple[str, str]:
    data = await client.data(
        SIGN_UP,
        {"input": {"email": email, "password": "correct-horse-1", "nickname": nickname, "region": "서울 마포구"}},
    )
    return data["signUp"]["token"], data["signUp"]["user"]["id"]
