"""Operator tools over the read store: rebuild it from the write DB, and list where the two differ."""

from __future__ import annotations

from sqlalchemy import delete

from gamja.db import Database
from subgraphs.items.adapters.repository import load_snapshots
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.store import load_read_snapshots, store_snapshot
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["differences", "rebuild_read_store"]


def _comparable(state: ItemSnapshot) -> dict[str, object]:
    return {**state.to_payload(), "version": state.version}


async def rebuild_read_store(write: Database, read: Database) -> int:
    """Write every item of the write DB into the read store; returns how many rows changed.

    Safe while the projector runs: a row is only replaced by the same or a newer version, so an event the
    projector applied after our snapshot of the write DB is never undone.
    """
    async with write.session() as session:
        items = await load_snapshots(session)
    known = {state.id for state in items}
    changed = 0
    async with read.transaction() as session:
        for state in items:
            changed += await store_snapshot(session, state, overwrite_same_version=True)
        strays = [state.id for state in await load_read_snapshots(session) if state.id not in known]
    if strays:
        # Items never leave the write DB (deletion keeps a tombstone), so a read row without one is debris;
        # look again in case it was created after our snapshot.
        async with write.session() as session:
            still_unknown = set(strays) - {state.id for state in await load_snapshots(session, strays)}
        async with read.transaction() as session:
            await session.exec(delete(ReadLikeRow).where(ReadLikeRow.item_id.in_(still_unknown)))  # type: ignore[attr-defined]
            await session.exec(delete(ReadItemRow).where(ReadItemRow.id.in_(still_unknown)))  # type: ignore[attr-defined]
        changed += len(still_unknown)
    return changed


async def differences(write: Database, read: Database) -> list[str]:
    """Human-readable differences between the write DB and the read store; empty when they agree."""
    async with write.session() as session:
        written = {state.id: _comparable(state) for state in await load_snapshots(session)}
    async with read.session() as session:
        projected = {state.id: _comparable(state) for state in await load_read_snapshots(session)}
    problems = []
    for item_id in sorted(written.keys() | projected.keys()):
        mine, theirs = written.get(item_id), projected.get(item_id)
        if theirs is None:
            problems.append(f"item {item_id}: missing from the read store (write DB has version {mine['version']})")  # type: ignore[index]
        elif mine is None:
            problems.append(f"item {item_id}: in the read store (version {theirs['version']}) but not in the write DB")
        else:
            for key in mine:
                if mine[key] != theirs[key]:
                    problems.append(
                        f"item {item_id}: {key} is {mine[key]!r} in the write DB but {theirs[key]!r} in the read store"
                    )
    return problems
