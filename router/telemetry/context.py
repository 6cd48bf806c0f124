"""The request id of the request being served, for subgraph calls and for every log line of the router."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

__all__ = ["REQUEST_ID_HEADER", "RequestIdLogFilter", "current_request_id", "request_id_from"]

REQUEST_ID_HEADER = "x-request-id"
_request_id: ContextVar[str | None] = ContextVar("gamja_router_request_id", default=None)
# A caller's id is kept only when it cannot break a log line or a header: short, plain characters.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_from(header: str | None) -> str:
    """The client's (or a proxy's) request id when it is a sane one, else a new one."""
    if header is not None and _ACCEPTABLE.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(request_id: str) -> object:
    return _request_id.set(request_id)


def unbind_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]


class RequestIdLogFilter(logging.Filter):
    """Puts `request_id` on records logged while a request is served (the JSON formatter prints it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = _request_id.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True
