"""Which aiohttp failures mean the request never left the router, and what may go to another instance then."""

from __future__ import annotations

from types import SimpleNamespace

import aiohttp
import pytest

from router.execution.resend import ConnectionFailure, OperationKind, connection_failure, may_resend

REFUSED = aiohttp.ClientConnectorError(
    SimpleNamespace(host="127.0.0.1", port=1, ssl=None),  # type: ignore[arg-type]
    ConnectionRefusedError(111, "Connect call failed"),
)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (REFUSED, "unsent"),
        (aiohttp.ConnectionTimeoutError("Connection timeout to host"), "unsent"),
        # Once the connection exists the request may have been written, pooled or new.
        (aiohttp.ServerDisconnectedError(), "broken"),
        (aiohttp.ClientOSError(104, "Connection reset by peer"), "broken"),
        (aiohttp.ClientConnectionResetError("Cannot write to closing transport"), "broken"),
        (aiohttp.ClientConnectionError("Failed to send bytes into the underlying connection"), "broken"),
        # Not a failed connection: a timeout on reading, a body cut off, an answer.
        (aiohttp.SocketTimeoutError("Timeout on reading data from socket"), None),
        (aiohttp.ClientPayloadError("Response payload is not completed"), None),
    ],
)
def test_connection_failure_tells_unsent_from_broken(exc: aiohttp.ClientError, expected: ConnectionFailure) -> None:
    assert connection_failure(exc) == expected


@pytest.mark.parametrize(
    ("failure", "kind", "expected"),
    [
        ("unsent", "query", True),
        ("unsent", "mutation", True),
        ("broken", "query", True),
        ("broken", "mutation", False),
        (None, "query", False),
        (None, "mutation", False),
    ],
)
def test_only_a_query_goes_again_once_it_may_have_been_sent(
    failure: ConnectionFailure | None, kind: OperationKind, expected: bool
) -> None:
    assert may_resend(failure, kind) is expected
