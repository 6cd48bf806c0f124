"""What the users subgraph reads from a request besides the viewer: its services and the client's address."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from gamja.subgraph.context import RequestContext
from subgraphs.users.service_layer.services import UsersServices

__all__ = ["Context", "client_address", "services"]

Context = RequestContext[UsersServices]


def services(info: Info[Context, Any]) -> UsersServices:
    return info.context.services


def client_address(info: Info[Context, Any]) -> str | None:
    """The address sign-in throttling counts against.

    Behind the router the socket peer is the router itself, so the router's `X-Forwarded-For` is
    used; its last entry is the one the nearest proxy wrote, which a client cannot forge.
    """
    request = info.context.request
    if request is None:
        return None
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    if hops:
        return hops[-1]
    return request.client.host if request.client else None
