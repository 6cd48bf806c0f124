"""A GraphQL client over an in-process ASGI app (lifespan included), for tests that speak GraphQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.applications import Starlette

__all__ = ["GraphQLClient", "serve_in_process"]


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient, path: str = "/graphql") -> None:
        self.http = http
        self.path = path

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(self.path, json={"query": query, "variables": variables or {}}, headers=headers)
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> Any:
        """The `data` of a response that must have no errors."""
        body = await self.execute(query, variables, token=token)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error_codes(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> list[str]:
        body = await self.execute(query, variables, token=token)
        assert body.get("errors"), f"expected errors, got {body}"
        return [error.get("extensions", {}).get("code") for error in body["errors"]]


@asynccontextmanager
async def serve_in_process(app: Starlette) -> AsyncIterator[GraphQLClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield GraphQLClient(http)
