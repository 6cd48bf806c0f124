"""The installed services, found through the entry points of the group `gamja.services`.

Each entry point names a `ServiceSpec` (a subgraph) or a `GatewaySpec` (the router), e.g. in `pyproject.toml`:

    [project.entry-points."gamja.services"]
    users = "subgraphs.users.service:SPEC"

Listing the names reads package metadata only; a service's code is imported when a command needs that service,
so one broken service cannot break another's command.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from gamja.service import GatewaySpec, ServiceSpec

__all__ = [
    "ENTRY_POINT_GROUP",
    "BrokenService",
    "CatalogError",
    "UnknownService",
    "gateways",
    "load_service",
    "load_spec",
    "service_names",
    "start_order",
    "subgraph_names",
    "subgraphs",
]

ENTRY_POINT_GROUP = "gamja.services"

Spec = ServiceSpec | GatewaySpec


class CatalogError(Exception):
    """A service cannot be found or loaded; the message says which and why."""


class UnknownService(CatalogError, LookupError):
    pass


class BrokenService(CatalogError):
    pass


@cache
def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry_point.name, entry_point)
    return found


def service_names() -> list[str]:
    """Every installed service, by name (sorted); imports none of them."""
    return sorted(_entry_points())


def load_service(name: str) -> Spec:
    """Import one service's spec, and only that one."""
    entry_point = _entry_points().get(name)
    if entry_point is None:
        known = ", ".join(service_names()) or "none"
        raise UnknownService(
            f"unknown service {name!r}; installed: {known} (after changing entry points in "
            "pyproject.toml, run `pip install -e .` again)"
        )
    try:
        spec = entry_point.load()
    except Exception as exc:
        raise BrokenService(f"service {name!r} could not be loaded from {entry_point.value}: {exc!r}") from exc
    if not isinstance(spec, ServiceSpec | GatewaySpec) or spec.name != name:
        raise BrokenService(f"entry point {name!r} ({entry_point.value}) is not the spec of a service named {name!r}")
    return spec


def load_spec(name: str) -> ServiceSpec:
    """Import one subgraph's spec."""
    spec = load_service(name)
    if not isinstance(spec, ServiceSpec):
        raise UnknownService(f"{name!r} is not a subgraph: it has no databases, demo data or read side")
    return spec


def start_order(specs: Iterable[ServiceSpec]) -> list[ServiceSpec]:
    """The subgraphs, each after the ones it names in `after` (ties by name), as the launcher starts them."""
    pending = {spec.name: spec for spec in specs}
    for spec in pending.values():
        for needed in spec.after:
            if needed not in pending:
                raise CatalogError(f"service {spec.name!r} starts after {needed!r}, which is not installed")
    ordered = []
    while pending:
        ready = sorted(name for name, spec in pending.items() if not pending.keys() & set(spec.after))
        if not ready:
            raise CatalogError(f"services wait for each other in a circle: {', '.join(sorted(pending))}")
        ordered.append(pending.pop(ready[0]))
    return ordered


def subgraphs() -> list[ServiceSpec]:
    """Every installed subgraph in start order; imports them all (the launcher and whole-stack commands need them)."""
    loaded = [load_service(name) for name in service_names()]
    return start_order(spec for spec in loaded if isinstance(spec, ServiceSpec))


def subgraph_names() -> list[str]:
    return [spec.name for spec in subgraphs()]


def gateways() -> list[GatewaySpec]:
    """Every installed gateway (the router), started once all subgraphs are healthy."""
    loaded = [load_service(name) for name in service_names()]
    return [spec for spec in loaded if isinstance(spec, GatewaySpec)]
