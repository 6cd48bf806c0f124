"""A subgraph that is down, slow or talks nonsense gives a clear error naming it, never a hang."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import httpx
import pytest

from router.execution.fetcher import SubgraphFetcher


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_down_subgraph_is_reported_as_unreachable() -> None:
    fetcher = SubgraphFetcher({"users": f"http://127.0.0.1:{closed_port()}/graphql"}, timeout=2)
    response = await fetcher.fetch("users", "{a}", {})
    await fetcher.aclose()
    assert response.data is None
    [error] = response.errors
    assert error["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "users"}
    assert '"users"' in error["message"]


async def test_slow_subgraph_times_out() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, json={"data": {}})

    fetcher = SubgraphFetcher({"items": "http://items.test/"}, timeout=0.2, transport=httpx.MockTransport(slow))
    started = time.perf_counter()
    response = await fetcher.fetch("items", "{a}", {})
    assert time.perf_counter() - started < 1
    assert response.errors[0]["extensions"] == {"code": "SUBGRAPH_TIMEOUT", "serviceName": "items"}


async def test_garbage_body_is_an_invalid_response() -> None:
    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>Bad Gateway</html>")

    fetcher = SubgraphFetcher({"items": "http://items.test/"}, transport=httpx.MockTransport(garbage))
    response = await fetcher.fetch("items", "{a}", {})
    [error] = response.errors
    assert error["extensions"]["code"] == "SUBGRAPH_INVALID_RESPONSE"
    assert "502" in error["message"] and "Bad Gateway" in error["message"]


async def test_subgraph_errors_keep_their_code_and_gain_the_service_name() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"data": {"a": None}, "errors": [{"message": "no", "extensions": {"code": "NOT_FOUND"}}]}
        )

    fetcher = SubgraphFetcher({"items": "http://items.test/"}, transport=httpx.MockTransport(answer))
    response = await fetcher.fetch("items", "{a}", {})
    assert response.data == {"a": None}
    assert response.errors == [{"message": "no", "extensions": {"code": "NOT_FOUND", "serviceName": "items"}}]


async def test_cookies_from_one_subgraph_answer_are_never_sent_again() -> None:
    """The client is shared by all users' requests: a Set-Cookie must not leak into the next one."""
    seen: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie"))
        return httpx.Response(200, json={"data": {"a": 1}}, headers={"set-cookie": "session=alice; Path=/"})

    fetcher = SubgraphFetcher({"users": "http://users.test/graphql"}, transport=httpx.MockTransport(answer))
    await fetcher.fetch("users", "{a}", {})
    await fetcher.fetch("users", "{a}", {})
    assert seen == [None, None]


async def test_failures_are_logged_for_operators(caplog: pytest.LogCaptureFixture) -> None:
    fetcher = SubgraphFetcher({"users": f"http://127.0.0.1:{closed_port()}/graphql"}, timeout=2)
    with caplog.at_level(logging.WARNING, logger="router.execution.fetcher"):
        await fetcher.fetch("users", "{a}", {})
    await fetcher.aclose()
    assert any("SUBGRAPH_UNREACHABLE" in r.getMessage() and '"users"' in r.getMessage() for r in caplog.records)
