"""The discovery loop: watch every subgraph's instances, and compose again when instances or schemas change.

Each subgraph has a watcher (a blocking query on the registry) that wakes the loop when its healthy
instances change; the loop also reads every SDL again each `poll_seconds`, since a subgraph redeployed
on the same address changes its schema without the registry noticing. Then:
- instances changed, schemas not: the fetcher gets the new instances, the supergraph stays;
- a schema changed: compose; a good result swaps in whole (requests in flight finish on the old one);
  a failing one keeps the last good supergraph serving and says why in the log and in `/ready`;
- a subgraph without an instance or an answer keeps the last good supergraph too (its fields fail
  as they would without discovery).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from router.composition import SubgraphSource, compose
from router.discovery.schemas import fetch_schemas
from router.discovery.source import InstanceSource
from router.server.bootstrap import RouterCore

__all__ = ["Discovery", "DiscoveryPolicy"]

log = logging.getLogger("router.discovery")


@dataclass(frozen=True, slots=True)
class DiscoveryPolicy:
    poll_seconds: float = 10.0  # how often every SDL is read again
    wait_seconds: float = 30.0  # how long one blocking query on the registry may wait
    retry_seconds: float = 0.5  # while nothing composes yet (subgraphs starting): try again soon
    sdl_timeout: float = 5.0


class Discovery:
    def __init__(
        self, source: InstanceSource, names: Sequence[str], core: RouterCore, policy: DiscoveryPolicy | None = None
    ) -> None:
        self._source = source
        self._names = list(names)
        self._core = core
        self._policy = policy or DiscoveryPolicy()
        self._instances: dict[str, list[str]] = {name: [] for name in self._names}
        self._seen: set[str] = set()  # subgraphs whose watcher has answered once
        self._changed = asyncio.Event()
        self._composed: tuple[tuple[str, str], ...] | None = None  # the SDLs of the last composition tried
        self.refreshes = 0

    async def run(self) -> None:
        """Until cancelled."""
        watchers = [asyncio.create_task(self._watch(name)) for name in self._names]
        try:
            async with httpx.AsyncClient(timeout=self._policy.sdl_timeout, trust_env=False) as client:
                while True:
                    complete = False
                    try:
                        complete = await self.refresh(client)
                    except Exception:
                        log.exception("discovery round failed; the served supergraph stays")
                    delay = self._policy.poll_seconds if complete else self._policy.retry_seconds
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), delay)
                    self._changed.clear()
        finally:
            for watcher in watchers:
                watcher.cancel()
            await asyncio.gather(*watchers, return_exceptions=True)

    async def _watch(self, name: str) -> None:
        index: str | None = None
        while True:
            try:
                index, found = await self._source.watch(name, index, self._policy.wait_seconds)
            except Exception as exc:
                log.warning("registry watch of %s failed (%s); retrying", name, exc, extra={"subgraph": name})
                index = None
                await asyncio.sleep(1.0)
                continue
            urls = sorted(instance.url for instance in found)
            if urls != self._instances[name] or name not in self._seen:
                self._seen.add(name)
                self._instances[name] = urls
                self._changed.set()

    async def refresh(self, client: httpx.AsyncClient) -> bool:
        """One round; True when every subgraph answered and the supergraph matches them."""
        self.refreshes += 1
        if unseen := [name for name in self._names if name not in self._seen]:
            self._core.serving.problem = f"waiting for the registry's first answer about {', '.join(unseen)}"
            return False
        instances = {name: list(urls) for name, urls in self._instances.items()}
        sdls, problems = await fetch_schemas(client, instances)
        serving = self._core.serving
        if serving.current is not None:
            # Whatever happens below, requests go to the instances that are there now.
            for name in serving.current.subgraph_names:
                if name in instances:
                    self._core.fetcher.set_instances(name, instances[name])
        if problems:
            serving.problem = "; ".join(problems[name] for name in sorted(problems))
            log.warning("not composing: %s", serving.problem)
            return False
        key = tuple(sorted(sdls.items()))
        if key == self._composed:
            return serving.current is not None
        self._composed = key
        result = compose([SubgraphSource(name, instances[name][0], sdls[name]) for name in self._names])
        if result.errors:
            details = "; ".join(f"[{error.code}] {error.message}" for error in result.errors)
            serving.problem = f"the subgraphs do not compose, the last good supergraph stays: {details}"
            log.error("composition failed; %s", serving.problem)
            return True  # nothing to retry until a schema changes
        for hint in result.warnings:
            log.warning("composition hint: %s", hint)
        self._core.load(
            result.supergraph_sdl, instances, hints=[f"{hint.code}: {hint.message}" for hint in result.warnings]
        )
        log.info(
            "composed supergraph %d from %s",
            serving.generation,
            ", ".join(f"{name} ({len(instances[name])})" for name in self._names),
        )
        return True
