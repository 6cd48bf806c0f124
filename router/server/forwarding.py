"""The headers every subgraph request carries, taken from the client's request."""

from __future__ import annotations

from starlette.requests import Request

__all__ = ["subgraph_headers"]

_FORWARDED_HEADERS = ("authorization",)
_FORWARDED_FOR = "x-forwarded-for"


def subgraph_headers(request: Request) -> dict[str, str]:
    """The client's `Authorization`, and `X-Forwarded-For` with the client's socket address appended
    (subgraphs that count per client, like sign-in throttling, trust its last entry, which the
    client cannot write)."""
    headers = {name: request.headers[name] for name in _FORWARDED_HEADERS if name in request.headers}
    if request.client is not None:
        earlier = ", ".join(request.headers.getlist(_FORWARDED_FOR))
        headers[_FORWARDED_FOR] = f"{earlier}, {request.client.host}" if earlier else request.client.host
    return headers
