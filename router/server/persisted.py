"""Stage: persisted operations, which turn a hash into the operation text.

Two modes, as in Apollo Router:
- automatic persisted queries (APQ, on by default): a client sends
  `extensions.persistedQuery = {version: 1, sha256Hash}`; an unknown hash answers
  `PERSISTED_QUERY_NOT_FOUND`, the client retries with the text, and later requests (GETs a CDN can
  cache included) carry only the hash;
- trusted documents (a manifest is configured): only the manifest's documents run, by hash
  (`extensions.persistedQuery.sha256Hash` or GraphQL Codegen's `documentId`) or by their exact text.
  The manifest is Apollo's persisted-query manifest or GraphQL Codegen's persisted-documents JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from router.server.errors import RequestError
from router.server.lru import LRU
from router.server.request import GraphQLRequest

__all__ = ["PersistedOperations", "read_manifest"]

_APQ_ENTRIES = 10_000


class PersistedOperations:
    def __init__(self, *, apq: bool, trusted: dict[str, str] | None, max_bytes: int) -> None:
        self._apq = apq and trusted is None
        self._trusted = trusted
        self._trusted_texts = frozenset(trusted.values()) if trusted is not None else frozenset()
        self._registered: LRU[str] = LRU(_APQ_ENTRIES, max_bytes)

    def resolve(self, request: GraphQLRequest) -> str:
        """The operation text to run."""
        requested_hash = _requested_hash(request)
        if self._trusted is not None:
            return self._from_manifest(self._trusted, request.query, requested_hash)
        if requested_hash is None:
            assert request.query is not None, "the request stage refuses requests with neither"
            return request.query
        if not self._apq:
            raise RequestError.single(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
        key = bytes.fromhex(requested_hash)
        if request.query is None:
            known = self._registered.get(key)
            if known is None:
                raise RequestError.single(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return known
        if _query_hash(request.query) != requested_hash:
            raise RequestError.single(400, "The provided sha256Hash does not match the query.", "BAD_REQUEST")
        self._registered.put(key, request.query, 2 * len(request.query))
        return request.query

    def _from_manifest(self, trusted: dict[str, str], query: str | None, requested_hash: str | None) -> str:
        if requested_hash is not None:
            text = trusted.get(requested_hash)
            if text is not None and (query is None or query == text):
                return text
        elif query is not None and query in self._trusted_texts:
            return query
        raise RequestError.single(
            400,
            "This router runs only trusted documents, and this operation is not one of them.",
            "PERSISTED_QUERY_NOT_IN_LIST",
        )


def read_manifest(path: Path) -> dict[str, str]:
    """sha256 → document, from an Apollo persisted-query manifest or a GraphQL Codegen persisted-documents file."""
    raw: Any = json.loads(path.read_text(encoding="utf-8"))
    documents: dict[str, str] = {}
    if isinstance(raw, dict) and raw.get("format") == "apollo-persisted-query-manifest":
        for operation in raw.get("operations", []):
            documents[str(operation["id"])] = str(operation["body"])
    elif isinstance(raw, dict) and all(isinstance(v, str) for v in raw.values()):
        documents = {str(key): value for key, value in raw.items()}
    else:
        raise ValueError(f"{path} is neither an Apollo persisted-query manifest nor a persisted-documents map")
    for key, body in documents.items():
        if _sha256(body) != key.removeprefix("sha256:"):
            raise ValueError(f"{path}: the id {key!r} is not the sha256 of its document")
    return {key.removeprefix("sha256:"): body for key, body in documents.items()}


def _requested_hash(request: GraphQLRequest) -> str | None:
    if request.document_id is not None:
        return _checked_hash(request.document_id.removeprefix("sha256:"))
    persisted = request.extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise RequestError.single(400, "Unsupported persisted query version (only version 1 is).", "BAD_REQUEST")
    return _checked_hash(persisted.get("sha256Hash"))


def _checked_hash(value: object) -> str:
    if not isinstance(value, str) or len(value) != 64 or not all(c in "0123456789abcdef" for c in value.lower()):
        raise RequestError.single(400, "A persisted query's hash must be 64 hexadecimal digits.", "BAD_REQUEST")
    return value.lower()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _query_hash(query: str) -> str:
    """A client hashes its query's UTF-8 bytes; text that has none (a lone surrogate, sent as `"\ud800"`) is
    the client's error, not a crash of the router (issue 11, found by tests/fuzz)."""
    try:
        return _sha256(query)
    except UnicodeEncodeError as exc:
        raise RequestError.single(400, "The query is not valid Unicode text.", "BAD_REQUEST") from exc
