"""The embedded registry: a fixed table (service → URL) filled from settings by the launcher."""

from __future__ import annotations

from collections.abc import Iterable

from gamja.registry.base import ServiceInstance
from gamja.settings import Settings

__all__ = ["StaticRegistry"]


class StaticRegistry:
    def __init__(self, instances: Iterable[ServiceInstance] = ()) -> None:
        self._instances: dict[str, ServiceInstance] = {i.instance_id: i for i in instances}

    @classmethod
    def from_settings(cls, settings: Settings, names: Iterable[str]) -> StaticRegistry:
        return cls(
            ServiceInstance(
                name=name,
                instance_id=f"{name}-{settings.port(name)}",
                url=settings.service_url(name),
            )
            for name in names
        )

    async def register(self, instance: ServiceInstance) -> None:
        self._instances[instance.instance_id] = instance

    async def deregister(self, instance_id: str) -> None:
        self._instances.pop(instance_id, None)

    async def instances(self, name: str) -> list[ServiceInstance]:
        return [i for i in self._instances.values() if i.name == name]

    async def services(self) -> dict[str, list[ServiceInstance]]:
        grouped: dict[str, list[ServiceInstance]] = {}
        for instance in self._instances.values():
            grouped.setdefault(instance.name, []).append(instance)
        return grouped
