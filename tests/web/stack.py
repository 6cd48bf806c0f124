"""`make run`'s stack for the browser tests: `gamja up` on fresh data and free ports, serving a web app build.

It is the launcher `make run` starts (`python -m gamja.cli up`, demo data seeded), in its own process group,
with every GAMJA_ setting of the caller's environment left out, so a developer's `.env` or running stack is
never touched. `stop()` sends Ctrl-C's signal and waits for every child to go.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gamja.catalog import subgraph_names

__all__ = ["Stack", "running_stack"]

READY_LINE = "Press Ctrl-C to stop."
# A loaded machine migrates and seeds six databases, then imports six services at once.
SERVICE_START_TIMEOUT = 300.0
START_TIMEOUT = 2 * SERVICE_START_TIMEOUT
STOP_TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    origin: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def log(self) -> str:
        return "".join(self.output[-200:])


@contextlib.contextmanager
def running_stack(var_dir: Path, web_dir: Path) -> Iterator[Stack]:
    ports = {name: _free_port() for name in [*subgraph_names(), "router"]}
    env = {key: value for key, value in os.environ.items() if not key.startswith("GAMJA_")}
    env.update({f"GAMJA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env["GAMJA_VAR_DIR"] = str(var_dir)
    env["GAMJA_ROUTER_WEB_DIR"] = str(web_dir)
    env["GAMJA_LOG_LEVEL"] = "WARNING"
    env["GAMJA_STARTUP_TIMEOUT_SECONDS"] = str(SERVICE_START_TIMEOUT)
    process = subprocess.Popen(
        [sys.executable, "-m", "gamja.cli", "up"],
        env=env,
        cwd=var_dir.parent,  # no .env of the checkout is read
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    stack = Stack(f"http://127.0.0.1:{ports['router']}", process)
    ready = threading.Event()

    def read() -> None:
        # Always drained: the children share this pipe, and a full pipe would block them.
        assert process.stdout is not None
        for line in process.stdout:
            stack.output.append(line)
            if READY_LINE in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready.wait(0.2):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gamja up did not come up (exit {process.poll()}):\n{stack.log()}")
        yield stack
    finally:
        _stop(process)
        reader.join(timeout=5)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT)
    # Whatever is left of the group (a child the launcher could not stop) goes too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
