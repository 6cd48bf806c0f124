"""What must hold after a fault, read from the stack's own databases and through the router.

- Every acknowledged write is in the write database; a write that failed on the client may be there or not
  (it may have committed before its answer was lost), but no write is there twice: each token appears at most
  once in the items, in the item events of the outbox, and in the comments.
- The events of each item have the versions 1..N, each once.
- The read store and the search index hold each item at its write-database version (no gap), once
  (no duplicate), and a search through the router finds every item of the run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx

from tests.support.faults.load import Ledger

__all__ = ["Settled", "caught_up", "lost_or_doubled", "settle"]

SEARCH_PAGE = """query($q: String!, $after: String) {
  searchItems(query: $q, first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }
}"""


@dataclass
class Settled:
    seconds: float  # from the call until the read store and the index matched the write database
    items: int
    behind: dict[str, int] = field(default_factory=dict)  # when it did not settle: items behind, per side


async def _fetch(dsn: str, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def _versions(dsns: dict[str, str], tag: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    written = {
        row["id"]: row["version"]
        for row in await _fetch(dsns["items"], "SELECT id, version FROM items WHERE description LIKE $1", f"{tag} %")
    }
    ids = list(written)
    sides = {
        "read store": "SELECT id, version FROM read_items WHERE id = ANY($1::text[])",
        "search index": "SELECT item_id AS id, version FROM search_documents WHERE item_id = ANY($1::text[])",
    }
    databases = {"read store": dsns["items_read"], "search index": dsns["search"]}
    seen = {
        side: {row["id"]: row["version"] for row in await _fetch(databases[side], query, ids)}
        for side, query in sides.items()
    }
    return written, seen


async def settle(dsns: dict[str, str], tag: str, timeout: float = 180.0) -> Settled:
    """Wait until the read store and the index hold every item of the run at its written version."""
    started = time.monotonic()
    while True:
        written, seen = await _versions(dsns, tag)
        behind = {
            side: sum(1 for item_id, version in written.items() if versions.get(item_id) != version)
            for side, versions in seen.items()
        }
        if not any(behind.values()):
            return Settled(time.monotonic() - started, len(written))
        if time.monotonic() - started >= timeout:
            return Settled(time.monotonic() - started, len(written), behind)
        await asyncio.sleep(0.5)


async def caught_up(dsns: dict[str, str], tag: str, timeout: float) -> float:
    """Wait until the read store and the index hold every item written so far at least at its version now;
    returns the monotonic time it was seen (writes go on meanwhile)."""
    snapshot, _ = await _versions(dsns, tag)
    deadline = time.monotonic() + timeout
    while True:
        _, seen = await _versions(dsns, tag)
        if all(versions.get(i, 0) >= v for versions in seen.values() for i, v in snapshot.items()):
            return time.monotonic()
        if time.monotonic() >= deadline:
            raise AssertionError(f"the read side did not catch up with {len(snapshot)} items within {timeout:g} s")
        await asyncio.sleep(0.2)


async def lost_or_doubled(dsns: dict[str, str], tag: str, ledger: Ledger, router_url: str, token: str) -> list[str]:
    """Every broken promise, as a sentence; empty when none."""
    problems: list[str] = []
    items = await _fetch(
        dsns["items"], "SELECT id, title, description, version FROM items WHERE description LIKE $1", f"{tag} %"
    )
    by_create = Counter(row["description"].removeprefix(f"{tag} ") for row in items)
    for write in ledger.of("create"):
        found = by_create.get(write.token, 0)
        if found > 1:
            problems.append(f"create {write.token} was applied {found} times")
        if write.acknowledged and found == 0:
            problems.append(f"acknowledged create {write.token} ({write.item_id}) is not in the write database")
    ids = [row["id"] for row in items]
    events: dict[str, list[tuple[int, str, str]]] = {item_id: [] for item_id in ids}
    for row in await _fetch(dsns["items"], "SELECT key, envelope FROM outbox WHERE key = ANY($1::text[])", ids):
        envelope = row["envelope"] if isinstance(row["envelope"], dict) else json.loads(row["envelope"])
        title = str(envelope.get("payload", {}).get("title", ""))
        events[row["key"]].append((int(envelope["version"]), str(envelope["type"]), title))
    titles = {row["id"]: row["title"] for row in items}
    for item_id, history in events.items():
        versions = sorted(version for version, _, _ in history)
        if versions != list(range(1, len(versions) + 1)):
            problems.append(f"item {item_id} has event versions {versions}, not 1..{len(versions)} once each")
        edits = Counter(title for _, kind, title in history if kind == "ItemUpdated")
        problems += [f"edit {title!r} of item {item_id} was applied {n} times" for title, n in edits.items() if n > 1]
        for write in ledger.of("update"):
            if write.item_id == item_id and write.acknowledged and edits.get(f"{tag} {write.token}", 0) == 0:
                problems.append(f"acknowledged edit {write.token} of item {item_id} is not in its events")
        last = _last_edit(ledger, item_id, tag)
        if last is not None and titles[item_id] not in last:
            problems.append(f"item {item_id} is titled {titles[item_id]!r}, not its last edit {last[0]!r}")
    comments = Counter(
        row["body"]
        for row in await _fetch(dsns["comments"], "SELECT body FROM comments WHERE item_id = ANY($1::text[])", ids)
    )
    for write in ledger.of("comment"):
        if comments.get(write.token, 0) > 1:
            problems.append(f"comment {write.token} was applied {comments[write.token]} times")
        if write.acknowledged and comments.get(write.token, 0) == 0:
            problems.append(f"acknowledged comment {write.token} is not in the comments database")
    problems += await _searched(router_url, token, tag, set(ids))
    return problems


def _last_edit(ledger: Ledger, item_id: str, tag: str) -> list[str] | None:
    """The titles the item may end with: its last acknowledged edit, or an unacknowledged one sent after it."""
    edits = [write for write in ledger.of("update") if write.item_id == item_id]
    acknowledged = [n for n, write in enumerate(edits) if write.acknowledged]
    if not acknowledged:
        return None
    return [f"{tag} {write.token}" for write in edits[acknowledged[-1] :]]


async def _searched(router_url: str, token: str, tag: str, ids: set[str]) -> list[str]:
    """Through the router, as a user would: the run's tag finds every item of the run, each once."""
    found: list[str] = []
    after: str | None = None
    async with httpx.AsyncClient(base_url=router_url, timeout=60, trust_env=False) as client:
        while True:
            body = (
                await client.post(
                    "/graphql",
                    json={"query": SEARCH_PAGE, "variables": {"q": tag, "after": after}},
                    headers={"authorization": f"Bearer {token}"},
                )
            ).json()
            if body.get("errors"):
                return [f"searching for the run through the router failed: {body['errors']}"]
            page = body["data"]["searchItems"]
            found += [edge["node"]["id"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    problems = []
    if doubled := [item_id for item_id, n in Counter(found).items() if n > 1]:
        problems.append(f"search returned items twice: {doubled}")
    if missing := ids - set(found):
        problems.append(f"search through the router misses {len(missing)} of {len(ids)} items")
    return problems
