"""Stage: content negotiation, which media type the answer is in (GraphQL over HTTP)."""

from __future__ import annotations

from typing import Final, Literal

from router.server.errors import RequestError

__all__ = ["GRAPHQL_RESPONSE_JSON", "JSON", "MediaType", "negotiate"]

GRAPHQL_RESPONSE_JSON: Final = "application/graphql-response+json"
JSON: Final = "application/json"
MediaType = Literal["application/graphql-response+json", "application/json"]

# Ours first: when a client accepts both equally, the spec's own media type wins.
_SERVED: tuple[MediaType, ...] = (GRAPHQL_RESPONSE_JSON, JSON)


def negotiate(accept: str | None) -> MediaType:
    """The media type to answer in; 406 when the client accepts neither.

    No `Accept` (or `*/*`) means `application/json`, which every client before the spec understands.
    """
    if not accept or not accept.strip():
        return JSON
    best: MediaType | None = None
    best_quality = 0.0
    for media_range in accept.split(","):
        kind, quality = _parse_range(media_range)
        for served in (JSON,) if kind in ("*/*", "application/*") else _SERVED:
            if kind in (served, "*/*", "application/*") and quality > best_quality:
                best, best_quality = served, quality
            elif kind == served and quality == best_quality and best is not None:
                best = served if _SERVED.index(served) < _SERVED.index(best) else best
    if best is None:
        raise RequestError.single(
            406,
            f"This endpoint answers in {GRAPHQL_RESPONSE_JSON} or {JSON}; the Accept header allows neither.",
            "NOT_ACCEPTABLE",
        )
    return best


def _parse_range(media_range: str) -> tuple[str, float]:
    kind, *parameters = (part.strip() for part in media_range.split(";"))
    quality = 1.0
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        elif name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            quality = 0.0  # we only ever write UTF-8
    return kind.lower(), quality
