"""The registry interface: the static table and Consul both implement it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["ServiceInstance", "ServiceRegistry"]


@dataclass(frozen=True)
class ServiceInstance:
    name: str
    instance_id: str
    url: str
    tags: tuple[str, ...] = field(default=())

    @property
    def health_url(self) -> str:
        return self.url.rsplit("/graphql", 1)[0] + "/health"


class ServiceRegistry(Protocol):
    async def register(self, instance: ServiceInstance) -> None: ...

    async def deregister(self, instance_id: str) -> None: ...

    async def instances(self, name: str) -> list[ServiceInstance]:
        """Healthy instances of one service (empty when none)."""
        ...

    async def services(self) -> dict[str, list[ServiceInstance]]:
        """Every registered service with its healthy instances."""
        ...

    async def watch(
        self, name: str, index: str | None, wait_seconds: float
    ) -> tuple[str | None, list[ServiceInstance]]:
        """Healthy instances of one service and an index standing for them. With the `index` of an
        earlier answer, wait (up to `wait_seconds`) until they change first: a blocking query."""
        ...
