"""Stage: what a client may see of an error.

Errors the router writes about its own machinery (a subgraph it could not reach, a plan it could not
make, a bug) carry internal URLs and library exception text: the client gets a fixed message per
code, the log gets the original under the request id, and the client gets that id too (the
`x-request-id` header and `extensions.requestId`), so a bug report can be matched to the log line.
Errors a subgraph wrote for its clients pass unchanged, minus any stack trace.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

from router.execution.types import JSONObject

__all__ = ["REQUEST_ID_HEADER", "new_request_id", "present_errors"]

log = logging.getLogger("router.errors")

REQUEST_ID_HEADER = "x-request-id"

_PUBLIC_MESSAGES = {
    "SUBGRAPH_UNREACHABLE": "Subgraph {service} could not be reached.",
    "SUBGRAPH_TIMEOUT": "Subgraph {service} did not answer in time.",
    "SUBGRAPH_CIRCUIT_OPEN": "Subgraph {service} is failing; the router waits a moment before calling it again.",
    "SUBGRAPH_INVALID_RESPONSE": "Subgraph {service} sent an answer the router could not use.",
    "INTERNAL_SERVER_ERROR": "Internal router error.",
}
# Shown as written (URLs masked) and logged too: the planner names the type and field it could not
# plan, which is what the client (or the supergraph's owner) needs to act on; it holds no internals.
_SHOWN_AND_LOGGED = frozenset({"QUERY_PLANNING_FAILED"})
_DEBUG_EXTENSIONS = ("stacktrace", "exception", "exception_text")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s\"'<>]+", re.IGNORECASE)


def new_request_id() -> str:
    return secrets.token_hex(8)


def present_errors(body: JSONObject, request_id: str) -> JSONObject:
    """The response body as the client may see it; the originals of rewritten messages are logged."""
    errors = body.get("errors")
    if not errors:
        return body
    presented = [_present(error, request_id) for error in errors]
    return {**body, "errors": presented, "extensions": {**body.get("extensions", {}), "requestId": request_id}}


def _present(error: JSONObject, request_id: str) -> JSONObject:
    extensions: dict[str, Any] = dict(error.get("extensions") or {})
    for name in _DEBUG_EXTENSIONS:
        extensions.pop(name, None)
    code = extensions.get("code")
    message = str(error.get("message", ""))
    public = _PUBLIC_MESSAGES.get(code) if isinstance(code, str) else None
    if public is not None:
        public = public.format(service=f'"{extensions["serviceName"]}"' if "serviceName" in extensions else "(unnamed)")
    elif _URL.search(message):
        public = _URL.sub("<url>", message)
    if code in _SHOWN_AND_LOGGED or (public is not None and public != message):
        log.warning("request %s: %s: %s", request_id, code, message)
    if public is not None:
        message = public
    presented: JSONObject = {**error, "message": message}
    if extensions:
        presented["extensions"] = extensions
    return presented
