"""When a subgraph request that failed may be sent once more, to another instance.

How far the request got decides, read from aiohttp's exception:

- `unsent`: the connection could not be established (`ClientConnectorError`, raised by the connector before a
  connection exists: refused, no route, DNS, TLS handshake; `ConnectionTimeoutError`: no TCP connection within
  `sock_connect`). No byte of the request reached the subgraph, so a query or a mutation may go elsewhere, and
  the instance is ejected when another one can take its requests.
- `broken`: the connection failed once established (`ServerDisconnectedError`; `ClientOSError`, a reset or a
  failed write; `ClientConnectionResetError`), which is also how a pooled keep-alive connection to a process
  that died fails. The subgraph may have received the request: only a query, which is safe to repeat, goes again.
- anything else (a timeout once the request was written, an HTTP answer, a body cut off): not sent again.

A mutation is therefore never sent twice.
"""

from __future__ import annotations

from typing import Literal

import aiohttp

__all__ = ["ConnectionFailure", "OperationKind", "connection_failure", "may_resend"]

OperationKind = Literal["query", "mutation"]
ConnectionFailure = Literal["unsent", "broken"]


def connection_failure(exc: aiohttp.ClientError) -> ConnectionFailure | None:
    # ConnectionTimeoutError is raised only when `sock_connect` expires: the fetcher does not set
    # `ClientTimeout.connect`, which would also bound the wait for a pooled connection (nothing wrong with the
    # instance then). ClientConnectorError is a ClientOSError, so it is told apart first.
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        return "unsent"
    if isinstance(exc, aiohttp.ClientConnectionError) and not isinstance(exc, aiohttp.ServerTimeoutError):
        return "broken"
    return None


def may_resend(failure: ConnectionFailure | None, kind: OperationKind) -> bool:
    return failure == "unsent" or (failure == "broken" and kind == "query")
