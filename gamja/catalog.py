"""The services of the project, in dependency order (users before items, items before its consumers)."""

from __future__ import annotations

import importlib
import importlib.util

from gamja.service import ServiceSpec

__all__ = ["SUBGRAPHS", "available_subgraphs", "load_spec"]

SUBGRAPHS: tuple[str, ...] = ("users", "items", "comments", "search")


def _module(name: str) -> str:
    return f"subgraphs.{name}.service"


def available_subgraphs() -> list[str]:
    """The subgraphs present in this checkout (each package exposes `service.SPEC`)."""
    return [name for name in SUBGRAPHS if importlib.util.find_spec(_module(name)) is not None]


def load_spec(name: str) -> ServiceSpec:
    if name not in SUBGRAPHS:
        raise KeyError(f"unknown service {name!r}; known: {', '.join(SUBGRAPHS)}")
    spec: ServiceSpec = importlib.import_module(_module(name)).SPEC
    return spec
