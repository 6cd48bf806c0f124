"""Keeps a child process of `gamja up` alive: when it exits, it is restarted after a growing pause, and logged."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

__all__ = ["Backoff", "supervise"]


@dataclass(frozen=True)
class Backoff:
    """Pauses before restarts: `initial`, doubling per crash in a row, at most `ceiling` seconds.

    A child that stayed up `stable_after` seconds counts as recovered, so its next crash restarts quickly again;
    one that crashes at once keeps backing off instead of spinning on the CPU.
    """

    initial: float = 0.5
    ceiling: float = 30.0
    stable_after: float = 30.0

    def delay(self, crashes_in_a_row: int) -> float:
        return float(min(self.ceiling, self.initial * 2**crashes_in_a_row))


async def supervise(
    name: str,
    wait_exit: Callable[[], Awaitable[int]],
    restart: Callable[[], Awaitable[None]],
    backoff: Backoff,
) -> None:
    """Restart `name` each time `wait_exit()` returns, until cancelled (the launcher cancels it to stop)."""
    crashes_in_a_row = 0
    while True:
        started = time.monotonic()
        code = await wait_exit()
        if time.monotonic() - started >= backoff.stable_after:
            crashes_in_a_row = 0
        delay = backoff.delay(crashes_in_a_row)
        crashes_in_a_row += 1
        print(
            f"gamja: {name} exited (code {code}); restarting in {delay:.1f}s (crash {crashes_in_a_row} in a row)",
            file=sys.stderr,
            flush=True,
        )
        await asyncio.sleep(delay)
        await restart()
