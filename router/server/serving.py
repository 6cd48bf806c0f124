"""The supergraph the router serves right now, swapped whole when discovery composes a new one.

A request takes `current` once at its start and keeps that pipeline to its end, so a swap never
disturbs requests in flight: they finish on the supergraph they began with.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from graphql import print_schema

from router.server.pipeline import Pipeline

__all__ = ["Served", "ServingSupergraph"]


@dataclass(frozen=True, slots=True)
class Served:
    pipeline: Pipeline
    supergraph_sdl: str
    api_sdl: str
    subgraph_names: tuple[str, ...]
    composition_hints: tuple[str, ...] = ()  # what composition warned about (shown by /ready)

    @classmethod
    def of(
        cls, pipeline: Pipeline, supergraph_sdl: str, subgraph_names: tuple[str, ...] = (), hints: tuple[str, ...] = ()
    ) -> Served:
        return cls(pipeline, supergraph_sdl, print_schema(pipeline.api_schema), subgraph_names, hints)


class ServingSupergraph:
    def __init__(self) -> None:
        self.current: Served | None = None
        # Why the latest composition was not served (the last good supergraph stays), for /ready.
        self.problem: str | None = None
        self.generation = 0
        self.loaded = asyncio.Event()  # set once the first supergraph is served

    @classmethod
    def serving(cls, served: Served) -> ServingSupergraph:
        serving = cls()
        serving.swap(served)
        return serving

    def swap(self, served: Served) -> None:
        self.current = served
        self.problem = None
        self.generation += 1
        self.loaded.set()
