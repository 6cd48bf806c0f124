"""Stage: CSRF prevention as Apollo Router does it.

A browser sends a cross-site "simple" request (content type `text/plain`, a form, or none) without
asking the server first, so a page on any site could run a mutation from the visitor's browser.
Such a request is refused unless it carries `apollo-require-preflight` or `x-apollo-operation-name`,
headers a page cannot add without a CORS preflight. Unlike "any non-safelisted header", this list
cannot be satisfied by a header a proxy on the way added (`x-forwarded-for`, `traceparent`, ...).
GET is exempt: it only runs queries (mutations over GET are a 405), which is what lets CDNs cache
persisted queries.
"""

from __future__ import annotations

from starlette.datastructures import Headers

from router.server.errors import RequestError

__all__ = ["PREFLIGHT_HEADERS", "refuse_simple_requests"]

_SIMPLE_CONTENT_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name")


def refuse_simple_requests(method: str, headers: Headers) -> None:
    if method != "POST":
        return
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in _SIMPLE_CONTENT_TYPES:
        return
    if any(name in headers for name in PREFLIGHT_HEADERS):
        return
    raise RequestError.single(
        400,
        "This request looks like a cross-site request forgery: send it with `Content-Type: application/json`"
        " (or with an `apollo-require-preflight: true` header).",
        "CSRF_PREVENTION",
    )
