"""Pick the registry adapter the settings ask for."""

from __future__ import annotations

import os
from collections.abc import Iterable

from gamja.registry.base import ServiceInstance, ServiceRegistry
from gamja.registry.static import StaticRegistry
from gamja.settings import Settings

__all__ = ["advertised_instance", "open_registry"]

CONSUL_DEFAULT_ADDR = "127.0.0.1:8500"  # what Consul's own tools use when CONSUL_HTTP_ADDR is unset


def open_registry(settings: Settings, names: Iterable[str]) -> ServiceRegistry:
    """The static table of `names` (embedded stack), or Consul (GAMJA_CONSUL_HTTP_ADDR, else CONSUL_HTTP_ADDR)."""
    if settings.registry == "consul":
        # py-consul comes with the `consul` extra: only a process configured for Consul needs it.
        from gamja.registry.consul import ConsulRegistry

        addr = settings.consul_http_addr or os.environ.get("CONSUL_HTTP_ADDR") or CONSUL_DEFAULT_ADDR
        return ConsulRegistry(addr)
    return StaticRegistry.from_settings(settings, names)


def advertised_instance(settings: Settings, name: str, port: int) -> ServiceInstance:
    """This process as other services should reach it: GAMJA_ADVERTISE_HOST, else GAMJA_PUBLIC_HOST."""
    host = settings.advertise_host or settings.public_host
    return ServiceInstance(name=name, instance_id=f"{name}-{host}-{port}", url=f"http://{host}:{port}/graphql")
