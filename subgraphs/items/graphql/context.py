"""Typed access to the request context of the items subgraph."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from gamja.subgraph.context import RequestContext
from subgraphs.items.container import ItemsServices

__all__ = ["ItemsInfo", "services", "viewer_key"]

ItemsInfo = Info[RequestContext[ItemsServices], Any]


def services(info: ItemsInfo) -> ItemsServices:
    return info.context.services


def viewer_key(info: ItemsInfo) -> str:
    """Who counts as one viewer: the user when signed in, else the client's address (as the router forwards it)."""
    viewer = info.context.viewer
    if viewer is not None:
        return f"user:{viewer.user_id}"
    request = info.context.request
    if request is None:
        return "anonymous"
    forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
    address = forwarded or (request.client.host if request.client else "")
    return f"addr:{address or 'unknown'}"
