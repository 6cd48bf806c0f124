"""The embedded registry: a fixed table (service → its instances' URLs) filled from settings."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable

from gamja.registry.base import ServiceInstance
from gamja.settings import Settings

__all__ = ["StaticRegistry"]


class StaticRegistry:
    def __init__(self, instances: Iterable[ServiceInstance] = ()) -> None:
        self._instances: dict[str, ServiceInstance] = {i.instance_id: i for i in instances}
        self._version = 0
        self._changed = asyncio.Condition()

    @classmethod
    def from_settings(cls, settings: Settings, names: Iterable[str]) -> StaticRegistry:
        instances: list[ServiceInstance] = []
        for name in names:
            replicas = settings.registry_instances.get(name)
            if not replicas:
                instances.append(ServiceInstance(name, f"{name}-{settings.port(name)}", settings.service_url(name)))
                continue
            instances.extend(ServiceInstance(name, f"{name}-{n}", url) for n, url in enumerate(replicas, start=1))
        return cls(instances)

    async def register(self, instance: ServiceInstance) -> None:
        self._instances[instance.instance_id] = instance
        await self._bump()

    async def deregister(self, instance_id: str) -> None:
        if self._instances.pop(instance_id, None) is not None:
            await self._bump()

    async def _bump(self) -> None:
        self._version += 1
        async with self._changed:
            self._changed.notify_all()

    async def watch(
        self, name: str, index: str | None, wait_seconds: float
    ) -> tuple[str | None, list[ServiceInstance]]:
        # The table's version stands for every service: a change elsewhere wakes the watch too, which only
        # costs the watcher one look.
        if index == str(self._version):
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), wait_seconds)
        return str(self._version), await self.instances(name)

    async def instances(self, name: str) -> list[ServiceInstance]:
        return [i for i in self._instances.values() if i.name == name]

    async def services(self) -> dict[str, list[ServiceInstance]]:
        grouped: dict[str, list[ServiceInstance]] = {}
        for instance in self._instances.values():
            grouped.setdefault(instance.name, []).append(instance)
        return grouped
