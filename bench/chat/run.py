"""Send-to-delivery latency of chat messages through the router, with 1, 100 and 1,000 open subscriptions,
and the router's memory per open subscription.

    .venv/bin/python bench/chat/run.py [--levels 1,100,1000] [--messages 20]

In this process: the users and chat subgraphs (SQLite, local event log, workers on) and the clients. The
router runs alone in a subprocess (`python -m router --supergraph FILE`), so its RSS is its own. Every
subscription is the seller's `chatMessageSent(roomId)` selecting `sender { nickname }` (an entity fetch to
users per event); each message is sent with `sendChatMessage` straight to chat, and its latency is the time
from sending until each subscriber has it. Bounded: a few minutes at most, everything stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from pydantic import SecretStr
from websockets.asyncio.client import ClientConnection, connect

from gamja.catalog import load_spec
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.runner import migrate
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app
from router.composition import SubgraphSource, compose

SUBSCRIPTION = "subscription($r: ID) { chatMessageSent(roomId: $r) { id body sender { nickname } } }"
PER_CONNECTION = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def subgraph(settings: Settings, name: str) -> AsyncIterator[tuple[str, Any]]:
    """The subgraph on a free port with its workers; yields its URL and runtime."""
    runtime = await load_spec(name).build(settings)
    server = uvicorn.Server(
        uvicorn.Config(create_subgraph_app(runtime), host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/graphql", runtime
    finally:
        server.should_exit = True
        await task


async def post(http: httpx.AsyncClient, url: str, query: str, variables: dict[str, Any], token: str = "") -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = (await http.post(url, json={"query": query, "variables": variables}, headers=headers)).json()
    assert "errors" not in body, body
    return body["data"]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def open_connection(url: str, token: str, room: str, count: int) -> ClientConnection:
    ws = await connect(url.replace("http", "ws", 1), subprotocols=["graphql-transport-ws"], max_queue=None)  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    for n in range(count):
        payload = {"query": SUBSCRIPTION, "variables": {"r": room}}
        await ws.send(json.dumps({"id": str(n), "type": "subscribe", "payload": payload}))
    return ws


async def receive_one_each(ws: ClientConnection, count: int, arrivals: list[float]) -> None:
    got = 0
    while got < count:
        message = json.loads(await ws.recv())
        if message["type"] == "ping":
            await ws.send('{"type":"pong"}')
        elif message["type"] == "next":
            assert "errors" not in message["payload"], message
            arrivals.append(time.perf_counter())
            got += 1


async def level(
    http: httpx.AsyncClient,
    router: str,
    chat: str,
    chat_live: Any,
    pid: int,
    seller: dict[str, Any],
    buyer: dict[str, Any],
    room: str,
    subscriptions: int,
    messages: int,
) -> dict[str, Any]:
    before = rss_kib(pid)
    sockets = []
    left = subscriptions
    while left:
        sockets.append(await open_connection(router, seller["token"], room, min(PER_CONNECTION, left)))
        left -= min(PER_CONNECTION, left)
    deadline = time.monotonic() + 60
    while chat_live.listener_count < subscriptions:  # every stream has reached chat
        assert time.monotonic() < deadline, "subscriptions did not open in time"
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    after = rss_kib(pid)
    latencies: list[float] = []
    for n in range(messages):
        arrivals: list[float] = []
        counts = [min(PER_CONNECTION, subscriptions - i * PER_CONNECTION) for i in range(len(sockets))]
        waiting = [
            asyncio.create_task(receive_one_each(ws, c, arrivals)) for ws, c in zip(sockets, counts, strict=True)
        ]
        started = time.perf_counter()
        await post(
            http,
            chat,
            "mutation($r: ID!, $b: String!) { sendChatMessage(roomId: $r, body: $b) { id } }",
            {"r": room, "b": f"벤치 {n}"},
            buyer["token"],
        )
        await asyncio.wait_for(asyncio.gather(*waiting), 60)
        latencies.extend((t - started) * 1000 for t in arrivals)
    for ws in sockets:
        await ws.close()
    await asyncio.sleep(1.0)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "subscriptions": subscriptions,
        "deliveries": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(quantiles[98], 1),
        "router_rss_kib_before": before,
        "router_rss_kib_open": after,
        "router_kib_per_subscription": round((after - before) / subscriptions, 1),
    }


async def main(levels: list[int], messages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(var_dir=Path(tmp), jwt_secret=SecretStr("bench-" + "x" * 40), log_level="WARNING")
        await migrate(settings, ["users", "chat"])
        async with (
            subgraph(settings, "users") as (users, _),
            subgraph(settings, "chat") as (chat, chat_runtime),
            contextlib.AsyncExitStack() as stack,
        ):
            http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
            sdl = {
                name: (await post(http, url, "{ _service { sdl } }", {}))["_service"]["sdl"]
                for name, url in (("users", users), ("chat", chat))
            }
            composed = compose(
                [SubgraphSource("users", users, sdl["users"]), SubgraphSource("chat", chat, sdl["chat"])]
            )
            supergraph = Path(tmp) / "supergraph.graphql"
            supergraph.write_text(composed.supergraph_sdl)
            port = free_port()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "router", "--supergraph", str(supergraph), "--port", str(port)
            )
            router = f"http://127.0.0.1:{port}/graphql"
            try:
                for _ in range(100):
                    with contextlib.suppress(httpx.HTTPError):
                        if (await http.get(f"http://127.0.0.1:{port}/health")).status_code == 200:
                            break
                    await asyncio.sleep(0.1)
                sign_up = "mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }"
                people = [
                    (
                        await post(
                            http,
                            users,
                            sign_up,
                            {
                                "i": {
                                    "email": f"{n}@bench.example",
                                    "password": "bench-pass-1234",
                                    "nickname": n,
                                    "region": "서울 마포구",
                                }
                            },
                        )
                    )["signUp"]
                    for n in ("seller", "buyer")
                ]
                seller, buyer = people
                item = str(uuid.uuid4())
                log = LocalLog(settings.events_log_file())
                state = {"id": item, "seller_id": seller["user"]["id"], "deleted": False}
                event = Event(type="ItemCreated", aggregate_id=item, version=1, payload=state)
                await log.publish(ITEMS_EVENTS, [OutgoingRecord(key=item, value=event.encode())])
                await log.close()
                for _ in range(200):
                    body = (
                        await http.post(
                            chat,
                            json={
                                "query": "mutation($i: ID!) { startChat(itemId: $i) { id } }",
                                "variables": {"i": item},
                            },
                            headers={"authorization": f"Bearer {buyer['token']}"},
                        )
                    ).json()
                    if "errors" not in body:
                        break
                    await asyncio.sleep(0.05)
                room = body["data"]["startChat"]["id"]
                for subscriptions in levels:
                    result = await level(
                        http,
                        router,
                        chat,
                        chat_runtime.services.live,
                        process.pid,
                        seller,
                        buyer,
                        room,
                        subscriptions,
                        messages,
                    )
                    print(json.dumps(result), flush=True)
            finally:
                process.terminate()
                await process.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--levels", default="1,100,1000")
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main([int(n) for n in args.levels.split(",")], args.messages))
