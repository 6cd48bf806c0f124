"""`gamja up` as a new user runs it: everything starts healthy, Ctrl-C stops every process, nothing is orphaned."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gamja.catalog import subgraph_names

pytestmark = pytest.mark.slow

READY_LINE = "Press Ctrl-C to stop."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Launched:
    def __init__(self, process: asyncio.subprocess.Process, ports: dict[str, int], output: list[str]) -> None:
        self.process = process
        self.ports = ports
        self.output = output


@pytest.fixture
async def launched(tmp_path: Path) -> AsyncIterator[Launched]:
    names = subgraph_names()
    assert names, "no subgraph package found"
    ports = {name: free_port() for name in [*names, "router"]}
    env = {key: value for key, value in os.environ.items() if not key.startswith("GAMJA_")}
    env.update({f"GAMJA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env["GAMJA_VAR_DIR"] = str(tmp_path / "var")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gamja.cli",
        "up",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=tmp_path,
    )
    output: list[str] = []

    async def read_until_ready() -> None:
        assert process.stdout is not None
        while line := (await process.stdout.readline()).decode():
            output.append(line)
            if READY_LINE in line:
                return
        raise AssertionError("gamja up exited before it was ready:\n" + "".join(output))

    async def keep_reading() -> None:
        # The children share this pipe: left unread it fills up and blocks them.
        assert process.stdout is not None
        while line := (await process.stdout.readline()).decode():
            output.append(line)

    reader: asyncio.Task[None] | None = None
    try:
        await asyncio.wait_for(read_until_ready(), timeout=120)
        reader = asyncio.create_task(keep_reading())
        yield Launched(process, ports, output)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        if reader is not None:
            reader.cancel()


async def test_up_starts_everything_and_ctrl_c_stops_every_process(launched: Launched) -> None:
    process = launched.process
    services = children_of(process.pid)
    names = [*subgraph_names()]
    async with httpx.AsyncClient() as client:
        for name in names:
            response = await client.get(f"http://127.0.0.1:{launched.ports[name]}/health")
            assert response.json()["status"] == "ok", name
    assert len(services) >= len(names)
    assert any(f":{launched.ports[name]}/graphql" in line for line in launched.output for name in names)
    banner = launched.output[next(i for i, line in enumerate(launched.output) if "Gamja Market is running" in line) :]
    urls = [line.split()[-1] for line in banner if line.startswith("  ") and "http://" in line]
    assert urls[0] == f"http://127.0.0.1:{launched.ports['router']}/", "the web app's URL comes first"

    process.send_signal(signal.SIGINT)
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    for pid in services:
        assert not alive(pid), f"child {pid} outlived the launcher"


async def test_services_leave_when_the_launcher_is_killed_outright(launched: Launched) -> None:
    services = children_of(launched.process.pid)
    launched.process.kill()
    await launched.process.wait()
    for _ in range(100):
        if not any(alive(pid) for pid in services):
            break
        await asyncio.sleep(0.1)
    assert not any(alive(pid) for pid in services), "orphaned services kept running"


def serving(launcher_pid: int, name: str) -> int:
    """The pid of the launcher's child that serves `name`."""
    for pid in children_of(launcher_pid):
        with contextlib.suppress(OSError):
            argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
            if b"serve" in argv and name.encode() in argv:
                return pid
    raise AssertionError(f"no child serves {name}")


async def test_a_crashed_child_is_restarted_and_serves_again_and_ctrl_c_leaves_nothing(launched: Launched) -> None:
    launcher = launched.process
    killed = serving(launcher.pid, "items")
    os.kill(killed, signal.SIGKILL)

    async with httpx.AsyncClient() as client:
        for _ in range(300):  # first restart waits Backoff.initial (0.5 s), then start-up
            await asyncio.sleep(0.1)
            with contextlib.suppress(httpx.HTTPError, AssertionError):
                restarted = serving(launcher.pid, "items")
                response = await client.post(
                    f"http://127.0.0.1:{launched.ports['items']}/graphql",
                    json={"query": "{ items(first: 1) { totalCount } }"},
                )
                if response.status_code == 200 and "errors" not in response.json():
                    break
        else:
            raise AssertionError("items did not come back:\n" + "".join(launched.output))
    assert restarted != killed
    assert launcher.returncode is None, "the launcher gave up on the stack"
    for _ in range(100):  # the launcher logs the return once its own health check passed
        if any("gamja: items is back on port" in line for line in launched.output):
            break
        await asyncio.sleep(0.1)
    log = "".join(launched.output)
    assert "gamja: items exited (code -9); restarting in 0.5s (crash 1 in a row)" in log, log
    assert f"gamja: items is back on port {launched.ports['items']}" in log, log

    services = children_of(launcher.pid)
    assert restarted in services
    launcher.send_signal(signal.SIGINT)
    assert await asyncio.wait_for(launcher.wait(), timeout=30) == 0
    for pid in services | {killed}:
        assert not alive(pid), f"child {pid} outlived the launcher"
