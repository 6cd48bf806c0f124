"""End-to-end lag of the items read side: from `createItem` returning to the item being in the read store.

Runs `gamja serve items` (embedded mode: SQLite write DB and read store, local event log, relay and
projector running as the service's background workers) in a fresh temporary directory, sends `createItem`
at a steady rate over HTTP, and watches the read store from this process through its own SQLite connection.

    .venv/bin/python bench/items/lag.py --rate 20 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiosqlite
import httpx

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.settings import Settings

CREATE = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"
POLL_INTERVAL = 0.002


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_healthy(client: httpx.AsyncClient, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if (await client.get("/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("the items service did not become healthy")


async def watch(read_db: Path, returned: dict[str, float], visible: dict[str, float], stop: asyncio.Event) -> None:
    async with aiosqlite.connect(read_db) as conn:
        while not stop.is_set() or len(visible) < len(returned):
            pending = [item_id for item_id in returned if item_id not in visible]
            if pending:
                marks = ",".join("?" * len(pending))
                cursor = await conn.execute(f"SELECT id FROM read_items WHERE id IN ({marks})", pending)
                now = time.perf_counter()
                for (item_id,) in await cursor.fetchall():
                    visible[item_id] = now
            await asyncio.sleep(POLL_INTERVAL)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def run(rate: float, seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="gamja-bench-") as tmp:
        var = Path(tmp) / "var"
        port = free_port()
        env = {
            **os.environ,
            "GAMJA_VAR_DIR": str(var),
            "GAMJA_JWT_SECRET": "bench-" + "x" * 40,
            "GAMJA_LOG_LEVEL": "WARNING",
        }
        gamja = str(Path(sys.executable).with_name("gamja"))
        migrate = await asyncio.create_subprocess_exec(
            gamja, "migrate", "items", env=env, stdout=asyncio.subprocess.DEVNULL
        )
        await migrate.wait()
        server = await asyncio.create_subprocess_exec(
            gamja, "serve", "items", "--port", str(port), env=env, stdout=asyncio.subprocess.DEVNULL
        )
        try:
            settings = Settings(var_dir=var, jwt_secret="bench-" + "x" * 40)  # type: ignore[arg-type]
            token = TokenService.from_settings(settings).issue(Viewer("00000000-0000-4000-8000-000000000001"))
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                await wait_healthy(client, time.monotonic() + 30)
                returned: dict[str, float] = {}
                visible: dict[str, float] = {}
                stop = asyncio.Event()
                watcher = asyncio.create_task(watch(var / "items_read.db", returned, visible, stop))

                async def create(number: int) -> None:
                    variables = {
                        "input": {
                            "title": f"벤치 물건 {number}",
                            "price": 1000,
                            "category": "기타 중고물품",
                            "region": "서울 마포구",
                        }
                    }
                    response = await client.post(
                        "/graphql",
                        json={"query": CREATE, "variables": variables},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    returned[response.json()["data"]["createItem"]["id"]] = time.perf_counter()

                started = time.perf_counter()
                tasks = []
                for number in range(int(rate * seconds)):
                    # A steady schedule (open loop): the next request leaves on time even if earlier ones are slow.
                    await asyncio.sleep(max(0.0, started + number / rate - time.perf_counter()))
                    tasks.append(asyncio.create_task(create(number)))
                await asyncio.gather(*tasks)
                stop.set()
                await asyncio.wait_for(watcher, timeout=30)
        finally:
            server.terminate()
            await server.wait()
    lags = [(visible[item_id] - returned[item_id]) * 1000 for item_id in returned]
    print(f"items: {len(lags)} at {rate:g}/s for {seconds:g}s (embedded: SQLite + local log, workers on)")
    print(
        f"lag createItem→read store ms: p50 {percentile(lags, 50):.1f}  p99 {percentile(lags, 99):.1f}  "
        f"max {max(lags):.1f}  mean {statistics.fmean(lags):.1f}  (watch poll {POLL_INTERVAL * 1000:g} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=20.0, help="createItem requests per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to send")
    args = parser.parse_args()
    asyncio.run(run(args.rate, args.seconds))


if __name__ == "__main__":
    main()
