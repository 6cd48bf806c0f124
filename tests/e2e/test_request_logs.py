"""A request id and W3C trace context travel from the client through the router to each subgraph,
and the subgraphs' log lines carry them."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from gamja.logs import JsonFormatter
from tests.e2e.conftest import Marketplace

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter("test"))
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Formatted as it is logged: the request's fields live only while it is served.
        self.lines.append(json.loads(self.format(record)))


@contextmanager
def subgraph_log_lines() -> Iterator[list[dict[str, object]]]:
    handler = _Lines()
    logger = logging.getLogger("gamja.http")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


async def test_subgraph_access_lines_carry_the_request_id_and_trace_id(marketplace: Marketplace) -> None:
    with subgraph_log_lines() as lines:
        response = await marketplace.router.http.post(
            "/graphql",
            json={"query": "{ items(first: 1) { totalCount } popularSearchTerms { term } }"},
            headers={"x-request-id": "checkout-7", "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"},
        )
    assert response.status_code == 200 and "errors" not in response.json()
    graphql_lines = [line for line in lines if str(line["message"]).startswith("POST /graphql")]
    assert len(graphql_lines) == 2  # items and search, one line each
    for line in graphql_lines:
        assert line["request_id"] == "checkout-7"
        assert line["trace_id"] == TRACE_ID
        assert line["parent_span_id"] != "00f067aa0ba902b7"  # the router's fetch span, not the client's


async def test_ill_formed_trace_headers_are_not_logged(marketplace: Marketplace) -> None:
    with subgraph_log_lines() as lines:
        await marketplace.router.http.post(
            "/graphql",
            json={"query": "{ items(first: 1) { totalCount } }"},
            headers={"x-request-id": 'a"b' * 100, "traceparent": "garbage"},
        )
    [line] = [line for line in lines if str(line["message"]).startswith("POST /graphql")]
    assert len(str(line["request_id"])) == 32  # the router replaced the unusable id with its own
    assert len(str(line["trace_id"])) == 32 and line["trace_id"] != "garbage"
