"""The per-request context every resolver receives: the viewer, DataLoaders and the service's dependencies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from gamja.auth.viewer import Viewer
from gamja.client_address import HEADER as CLIENT_ADDRESS_HEADER
from gamja.client_address import ClientAddressSigner
from gamja.errors import Unauthenticated

__all__ = ["RequestContext"]

K = TypeVar("K")
V = TypeVar("V")
S = TypeVar("S")


@dataclass
class RequestContext(Generic[S]):
    """`services` is the subgraph's own composition root (its bootstrap), typed by the subgraph."""

    request: Request | None
    services: S
    response: Response | None = None
    _viewer: Viewer | None = None
    _auth_error: Unauthenticated | None = None
    _loaders: dict[Hashable, DataLoader[Any, Any]] = field(default_factory=dict)
    # The `connection_init` payload of a graphql-transport-ws connection (Strawberry sets it).
    connection_params: dict[str, Any] | None = None
    client_addresses: ClientAddressSigner | None = None

    @property
    def viewer(self) -> Viewer | None:
        """The signed-in user, None when anonymous; a bad token fails only the fields that ask."""
        if self._auth_error is not None:
            raise self._auth_error
        return self._viewer

    @property
    def client_address(self) -> str | None:
        """The client's address, for throttles and view counters.

        Behind the router the socket peer is the router itself, which sends the address it saw in a header it
        signs (`gamja/client_address.py`). Without a valid signature (a caller on the subgraph's port, a forged
        `X-Forwarded-For`) the socket peer is the client.
        """
        if self.request is None:
            return None
        if self.client_addresses is not None:
            signed = self.client_addresses.verify(self.request.headers.get(CLIENT_ADDRESS_HEADER))
            if signed is not None:
                return signed
        return self.request.client.host if self.request.client else None

    def require_viewer(self) -> Viewer:
        viewer = self.viewer
        if viewer is None:
            raise Unauthenticated("Sign in first: send `Authorization: Bearer <token>`.")
        return viewer

    def loader(self, key: Hashable, load: Callable[[Sequence[K]], Awaitable[Sequence[V]]]) -> DataLoader[K, V]:
        """One DataLoader per request and key, so every resolver asking in one tick shares a batch."""
        existing = self._loaders.get(key)
        if existing is None:
            existing = DataLoader(load_fn=load)
            self._loaders[key] = existing
        return existing
