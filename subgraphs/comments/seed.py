"""Demo comments in Korean on the demo items the service has learned of from `items.events`."""

from __future__ import annotations

from gamja.service import ServiceRuntime

__all__ = ["seed"]


async def seed(runtime: ServiceRuntime) -> None:
    await runtime.settle()
