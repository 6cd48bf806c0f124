"""What discovery needs from a service registry (gamja's static table and Consul adapters fit it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["Instance", "InstanceSource"]


class Instance(Protocol):
    @property
    def instance_id(self) -> str: ...

    @property
    def url(self) -> str: ...


class InstanceSource(Protocol):
    async def watch(self, name: str, index: str | None, wait_seconds: float) -> tuple[str | None, Sequence[Instance]]:
        """Healthy instances of `name`; with an earlier `index`, first wait until they change (a blocking query)."""
        ...
