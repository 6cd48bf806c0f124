"""What every client transport does the same way: read the request, headers for the subgraph, open a stream."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from starlette.requests import HTTPConnection

from router.execution.types import JSONObject
from router.subscriptions.errors import error_response
from router.subscriptions.limits import LimitExceeded
from router.subscriptions.loop import SubscriptionGateway

__all__ = ["Authenticate", "client_address", "forwarded_headers", "guarded"]

Authenticate = Callable[[str | None], None]
"""Verifies an `Authorization` value (raises `PermissionError` with a message); None accepts any."""


def client_address(connection: HTTPConnection) -> str:
    return connection.client.host if connection.client is not None else "unknown"


def forwarded_headers(connection: HTTPConnection, authorization: str | None) -> dict[str, str]:
    """As for queries: the client's `Authorization`, and `X-Forwarded-For` with the socket peer appended."""
    headers = {"authorization": authorization} if authorization else {}
    earlier = ", ".join(connection.headers.getlist("x-forwarded-for"))
    address = client_address(connection)
    headers["x-forwarded-for"] = f"{earlier}, {address}" if earlier else address
    return headers


async def guarded(
    gateway: SubscriptionGateway, client: str, events: AsyncIterator[JSONObject]
) -> AsyncIterator[JSONObject]:
    """The events, counted against the client's limit while they flow (one error response when over it)."""
    try:
        with gateway.limits.hold(client):
            async for event in events:
                yield event
    except LimitExceeded as exc:
        yield error_response(str(exc), exc.code)
    finally:
        await events.aclose()  # type: ignore[attr-defined]
