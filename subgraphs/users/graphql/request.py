"""What the users subgraph reads from a request besides the viewer: its services."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from gamja.subgraph.context import RequestContext
from subgraphs.users.service_layer.services import UsersServices

__all__ = ["Context", "services"]

Context = RequestContext[UsersServices]


def services(info: Info[Context, Any]) -> UsersServices:
    return info.context.services
