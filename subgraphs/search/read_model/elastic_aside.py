"""Elasticsearch's items index behind an alias, and the rebuild aside: a new versioned index, then the alias moved.

Searches and writes name the alias (`<prefix>-items`); it points at one concrete index `<prefix>-items-<hex>`.
A rebuild under a new tokenizer creates another one and records its name in the meta index (document
`rebuild`); while that record exists every `apply` writes both (external versioning keeps each one's newest).
The swap is one `_aliases` request (remove the alias from the old index, add it to the new one), which
Elasticsearch applies atomically: a search sees the old index or the new one. The old index is deleted after.
An index made before aliases (a concrete index named like the alias) is replaced in the same request by the
`remove_index` action. A rebuild that died leaves its index and record; the next rebuild drops both and starts again.

Not verified against a server: none can be installed on this machine (see the README).
"""

from __future__ import annotations

import uuid
from typing import Any

from elasticsearch import AsyncElasticsearch, NotFoundError

__all__ = ["TOKENIZER_DOC", "aside_index", "create_items_index", "start_aside", "swap_aside"]

_REBUILD = "rebuild"
TOKENIZER_DOC = "tokenizer_version"


def _versioned(alias: str) -> str:
    return f"{alias}-{uuid.uuid4().hex[:12]}"


async def create_items_index(client: AsyncElasticsearch, alias: str) -> None:
    """A first concrete index with the alias on it, unless the alias (or a pre-alias index of that name) exists."""
    if not await client.indices.exists(index=alias):
        await client.indices.create(index=_versioned(alias), aliases={alias: {}})


async def aside_index(client: AsyncElasticsearch, meta_index: str) -> str | None:
    """The index a rebuild is filling, if one is running (a realtime get: no refresh needed to see it)."""
    try:
        found = await client.get(index=meta_index, id=_REBUILD)
    except NotFoundError:
        return None
    return str(found["_source"]["index"])


async def start_aside(client: AsyncElasticsearch, alias: str, meta_index: str) -> str:
    """A new empty concrete index (the template gives it the mappings), recorded as the rebuild's; returns its name."""
    unfinished = await aside_index(client, meta_index)
    if unfinished is not None:
        await client.indices.delete(index=unfinished, ignore_unavailable=True)
    index = _versioned(alias)
    await client.indices.create(index=index)
    await client.index(index=meta_index, id=_REBUILD, document={"index": index}, refresh="wait_for")
    return index


async def swap_aside(client: AsyncElasticsearch, alias: str, meta_index: str, tokenizer_version: str) -> None:
    """Move the alias to the rebuilt index in one `_aliases` request, drop the old index, record the tokenizer."""
    index = await aside_index(client, meta_index)
    if index is None:
        raise RuntimeError("no rebuild is running: nothing to swap in")
    await client.indices.refresh(index=index)
    actions: list[dict[str, Any]] = [{"add": {"index": index, "alias": alias}}]
    old: list[str] = []
    if await client.indices.exists_alias(name=alias):
        old = [name for name in (await client.indices.get_alias(name=alias)).body if name != index]
        actions = [{"remove": {"index": name, "alias": alias}} for name in old] + actions
    else:
        # A concrete index from before aliases holds the name: removed in the same atomic request.
        actions.append({"remove_index": {"index": alias}})
    await client.indices.update_aliases(actions=actions)
    if old:
        await client.indices.delete(index=",".join(old), ignore_unavailable=True)
    # After the swap: a crash before this line leaves the old version recorded, and the next start rebuilds again.
    await client.index(index=meta_index, id=TOKENIZER_DOC, document={"value": tokenizer_version}, refresh="wait_for")
    await client.delete(index=meta_index, id=_REBUILD, refresh="wait_for")
