"""Structured logs: one JSON object per line on stderr, with the service name on every record, and the
request id and trace id of the request being served (from the router's `x-request-id` and `traceparent`)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

__all__ = ["JsonFormatter", "configure_logging", "request_log_context"]

_request_fields: ContextVar[Mapping[str, str]] = ContextVar("gamja_request_log_fields", default=MappingProxyType({}))
_TRACEPARENT = re.compile(r"[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@contextmanager
def request_log_context(headers: Mapping[str, str]) -> Iterator[Mapping[str, str]]:
    """While serving one request, every log line carries its `request_id`, `trace_id` and `parent_span_id`
    (read from the headers the router sends; ill-formed values are ignored, never logged)."""
    fields: dict[str, str] = {}
    request_id = headers.get("x-request-id")
    if request_id and _REQUEST_ID.fullmatch(request_id):
        fields["request_id"] = request_id
    traceparent = _TRACEPARENT.fullmatch(headers.get("traceparent", ""))
    if traceparent:
        fields["trace_id"], fields["parent_span_id"] = traceparent.groups()
    token = _request_fields.set(fields)
    try:
        yield fields
    finally:
        _request_fields.reset(token)


_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_request_fields.get())
        entry.update({key: value for key, value in record.__dict__.items() if key not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Access lines come from our own middleware, with timings, as JSON.
    logging.getLogger("uvicorn.access").disabled = True
