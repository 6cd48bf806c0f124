"""The restart pauses of `gamja up`: doubling while a child keeps crashing, capped, and quick again once it held."""

from __future__ import annotations

import asyncio

import pytest

from gamja.supervision import Backoff, supervise


def test_pauses_double_per_crash_in_a_row_up_to_the_ceiling() -> None:
    backoff = Backoff(initial=0.5, ceiling=4.0)
    assert [backoff.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


async def test_each_exit_is_restarted_and_logged_until_cancelled(capsys: pytest.CaptureFixture[str]) -> None:
    exits = asyncio.Queue[int]()
    restarts = 0

    async def restart() -> None:
        nonlocal restarts
        restarts += 1

    task = asyncio.create_task(supervise("items", exits.get, restart, Backoff(initial=0.01, ceiling=0.02)))
    for code in (-9, 1, 0):
        exits.put_nowait(code)
    for _ in range(200):
        if restarts == 3:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    assert restarts == 3
    log = capsys.readouterr().err.splitlines()
    assert log == [
        "gamja: items exited (code -9); restarting in 0.0s (crash 1 in a row)",
        "gamja: items exited (code 1); restarting in 0.0s (crash 2 in a row)",
        "gamja: items exited (code 0); restarting in 0.0s (crash 3 in a row)",
    ]
