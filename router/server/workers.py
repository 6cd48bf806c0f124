"""`python -m router --workers N`: N router processes sharing one port.

Each worker is a whole router (its own event loop, subgraph connection pool, parse and plan
caches) that binds the port with SO_REUSEPORT; the kernel spreads incoming connections over them.
This process only supervises: it starts the workers, and stops all of them when it is asked to
stop or when one of them exits (a half-alive router is worse than a restarted one).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from types import FrameType

__all__ = ["run_workers"]

_STOP_GRACE_SECONDS = 10.0


def run_workers(worker_argv: Sequence[str], workers: int) -> int:
    """Run `python -m router *worker_argv --reuse-port` `workers` times; return the first nonzero exit code."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    children = [
        subprocess.Popen([sys.executable, "-m", "router", *worker_argv, "--reuse-port"]) for _ in range(workers)
    ]
    try:
        while not stop.wait(0.2):
            if any(child.poll() is not None for child in children):
                break
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=_STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return next((code for code in (child.returncode for child in children) if code not in (0, -signal.SIGTERM)), 0)
