"""The headers every subgraph request carries, taken from the client's request."""

from __future__ import annotations

from starlette.requests import Request

from gamja.client_address import HEADER as CLIENT_ADDRESS_HEADER
from gamja.client_address import ClientAddressSigner

__all__ = ["subgraph_headers"]

_FORWARDED_HEADERS = ("authorization",)
_FORWARDED_FOR = "x-forwarded-for"


def subgraph_headers(request: Request, signer: ClientAddressSigner | None = None) -> dict[str, str]:
    """The client's `Authorization`; `X-Forwarded-For` with the client's socket address appended (for the
    subgraphs' logs); and that address signed (`X-Gamja-Client-Address`), the only form in which subgraphs
    that count per client (sign-in throttle, view counts) believe it."""
    headers = {name: request.headers[name] for name in _FORWARDED_HEADERS if name in request.headers}
    if request.client is not None:
        earlier = ", ".join(request.headers.getlist(_FORWARDED_FOR))
        headers[_FORWARDED_FOR] = f"{earlier}, {request.client.host}" if earlier else request.client.host
        if signer is not None:
            headers[CLIENT_ADDRESS_HEADER] = signer.sign(request.client.host)
    return headers
