"""A subgraph that is down, slow or talks nonsense gives a clear error naming it, never a hang."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import pytest
from aiohttp import web

from router.execution.fetcher import SubgraphFetcher
from router.execution.policy import FetchPolicy
from tests.router.execution.fake_subgraphs import serve


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_down_subgraph_is_reported_as_unreachable() -> None:
    fetcher = SubgraphFetcher({"users": f"http://127.0.0.1:{closed_port()}/graphql"}, policy=FetchPolicy(timeout=2))
    response = await fetcher.fetch("users", "{a}", {})
    await fetcher.aclose()
    assert response.data is None
    [error] = response.errors
    assert error["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "users"}
    assert '"users"' in error["message"]


async def test_malformed_subgraph_url_is_reported_as_unreachable() -> None:
    fetcher = SubgraphFetcher({"users": "http://[not-an-address/graphql"})
    response = await fetcher.fetch("users", "{a}", {})
    await fetcher.aclose()
    [error] = response.errors
    assert error["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "users"}
    assert "invalid URL" in error["message"]


async def test_slow_subgraph_times_out() -> None:
    released = asyncio.Event()

    async def slow(request: web.BaseRequest) -> web.Response:
        await asyncio.wait_for(released.wait(), 5)
        return web.json_response({"data": {}})

    async with serve(slow) as origin:
        fetcher = SubgraphFetcher({"items": f"{origin}/items"}, policy=FetchPolicy(timeout=0.2))
        started = time.perf_counter()
        response = await fetcher.fetch("items", "{a}", {})
        elapsed = time.perf_counter() - started
        released.set()
        await fetcher.aclose()
    assert elapsed < 1
    assert response.errors[0]["extensions"] == {"code": "SUBGRAPH_TIMEOUT", "serviceName": "items"}


async def test_subgraph_that_stops_mid_body_times_out() -> None:
    """The bound covers reading the body too: headers on time, then a trickle, is still a timeout."""
    released = asyncio.Event()

    async def trickle(request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"content-type": "application/json"})
        response.content_length = 100
        await response.prepare(request)
        await response.write(b'{"data": ')
        await asyncio.wait_for(released.wait(), 5)
        return response

    async with serve(trickle) as origin:
        fetcher = SubgraphFetcher({"items": f"{origin}/items"}, policy=FetchPolicy(timeout=0.3))
        started = time.perf_counter()
        response = await fetcher.fetch("items", "{a}", {})
        elapsed = time.perf_counter() - started
        released.set()
        await fetcher.aclose()
    assert elapsed < 1.5
    assert response.errors[0]["extensions"] == {"code": "SUBGRAPH_TIMEOUT", "serviceName": "items"}


async def test_garbage_body_is_an_invalid_response() -> None:
    async def garbage(request: web.BaseRequest) -> web.Response:
        return web.Response(status=502, text="<html>Bad Gateway</html>")

    async with serve(garbage) as origin:
        fetcher = SubgraphFetcher({"items": f"{origin}/items"})
        response = await fetcher.fetch("items", "{a}", {})
        await fetcher.aclose()
    [error] = response.errors
    assert error["extensions"]["code"] == "SUBGRAPH_INVALID_RESPONSE"
    assert "502" in error["message"] and "Bad Gateway" in error["message"]


async def test_subgraph_errors_keep_their_code_and_gain_the_service_name() -> None:
    async def answer(request: web.BaseRequest) -> web.Response:
        return web.json_response(
            {"data": {"a": None}, "errors": [{"message": "no", "extensions": {"code": "NOT_FOUND"}}]}
        )

    async with serve(answer) as origin:
        fetcher = SubgraphFetcher({"items": f"{origin}/items"})
        response = await fetcher.fetch("items", "{a}", {})
        await fetcher.aclose()
    assert response.data == {"a": None}
    assert response.errors == [{"message": "no", "extensions": {"code": "NOT_FOUND", "serviceName": "items"}}]


async def test_cookies_from_one_subgraph_answer_are_never_sent_again() -> None:
    """The client is shared by all users' requests: a Set-Cookie must not leak into the next one."""
    seen: list[str | None] = []

    async def answer(request: web.BaseRequest) -> web.Response:
        seen.append(request.headers.get("cookie"))
        response = web.json_response({"data": {"a": 1}})
        response.headers["set-cookie"] = "session=alice; Path=/"
        return response

    async with serve(answer) as origin:
        fetcher = SubgraphFetcher({"users": f"{origin}/graphql"})
        await fetcher.fetch("users", "{a}", {})
        await fetcher.fetch("users", "{a}", {})
        await fetcher.aclose()
    assert seen == [None, None]


async def test_proxy_settings_in_the_environment_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subgraphs are reached directly even when the process runs with an HTTP proxy configured."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("NO_PROXY", "")

    async def answer(request: web.BaseRequest) -> web.Response:
        return web.json_response({"data": {"a": 1}})

    async with serve(answer) as origin:
        fetcher = SubgraphFetcher({"users": f"{origin}/graphql"})
        response = await fetcher.fetch("users", "{a}", {})
        await fetcher.aclose()
    assert response.data == {"a": 1} and response.errors == []


async def test_connections_to_a_subgraph_are_kept_alive() -> None:
    peers: set[tuple[str, int]] = set()

    async def answer(request: web.BaseRequest) -> web.Response:
        assert request.transport is not None
        peers.add(request.transport.get_extra_info("peername"))
        return web.json_response({"data": {"a": 1}})

    async with serve(answer) as origin:
        fetcher = SubgraphFetcher({"users": f"{origin}/graphql"})
        for _ in range(5):
            await fetcher.fetch("users", "{a}", {})
        await fetcher.aclose()
    assert len(peers) == 1


async def test_failures_are_logged_for_operators(caplog: pytest.LogCaptureFixture) -> None:
    fetcher = SubgraphFetcher({"users": f"http://127.0.0.1:{closed_port()}/graphql"}, policy=FetchPolicy(timeout=2))
    with caplog.at_level(logging.WARNING, logger="router.execution.fetcher"):
        await fetcher.fetch("users", "{a}", {})
    await fetcher.aclose()
    assert any("SUBGRAPH_UNREACHABLE" in r.getMessage() and '"users"' in r.getMessage() for r in caplog.records)
