"""Typed access to the request context of the items subgraph."""

from __future__ import annotations

from typing import Any, TypeVar

from strawberry import UNSET
from strawberry.types import Info

from gamja.subgraph.context import RequestContext
from subgraphs.items.container import ItemsServices

__all__ = ["ItemsInfo", "given", "services", "viewer_key"]

ItemsInfo = Info[RequestContext[ItemsServices], Any]
T = TypeVar("T")


def given(value: T | None) -> T | None:
    """Optional arguments default to UNSET so the SDL shows no `= null` (as in the API contract): None if absent."""
    return None if value is UNSET else value


def services(info: ItemsInfo) -> ItemsServices:
    return info.context.services


def viewer_key(info: ItemsInfo) -> str:
    """Who counts as one viewer: the user when signed in, else the client's address (as the router forwards it)."""
    viewer = info.context.viewer
    if viewer is not None:
        return f"user:{viewer.user_id}"
    return f"addr:{info.context.client_address or 'unknown'}"
