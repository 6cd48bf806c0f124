"""Reading each subgraph's SDL (`_service { sdl }`) from one of its instances."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import httpx

from router.composition.cli import SubgraphUnreachable, fetch_sdl

__all__ = ["fetch_schemas"]


async def fetch_schemas(
    client: httpx.AsyncClient, instances: Mapping[str, Sequence[str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """The SDL of each subgraph (from the first instance that answers) and, for the others, why not."""

    async def one(name: str, urls: Sequence[str]) -> tuple[str, str | None, str]:
        if not urls:
            return name, None, f'no healthy instance of subgraph "{name}" is registered'
        problem = ""
        for url in urls:
            try:
                return name, await fetch_sdl(client, name, url), ""
            except SubgraphUnreachable as exc:
                problem = str(exc)
        return name, None, problem

    found = await asyncio.gather(*(one(name, urls) for name, urls in instances.items()))
    sdls = {name: sdl for name, sdl, _ in found if sdl is not None}
    problems = {name: problem for name, sdl, problem in found if sdl is None}
    return sdls, problems
