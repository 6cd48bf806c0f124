"""One rebuild of an Elasticsearch search index at a time: a lease document in the meta index.

Elasticsearch has no lock that dies with its holder, so the holder creates `rebuild_lock` (`op_type=create`
fails with 409 when it exists) with an expiry, and renews it while the rebuild runs. Another replica waits,
and takes the lease over once it has expired, deleting it only at the sequence number it read, so two waiters
never both take it. A holder that was killed stops renewing, so its lease expires. The expiry is wall-clock
time: the replicas' clocks must agree to within a fraction of the lease.

Not verified against a server: none can be installed on this machine (see the README).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from elasticsearch import AsyncElasticsearch, ConflictError, NotFoundError

__all__ = ["elastic_rebuild_lock"]

log = logging.getLogger(__name__)

_LOCK_DOC = "rebuild_lock"
LEASE_SECONDS = 60.0
_WAIT_SECONDS = 1.0


@dataclass(slots=True)
class _Lease:
    """The lease as this holder last wrote it: renewing or releasing it is conditional on that write."""

    holder: str
    seq_no: int = -1
    primary_term: int = -1

    def document(self) -> dict[str, object]:
        return {"holder": self.holder, "expires": time.time() + LEASE_SECONDS}


async def _take(client: AsyncElasticsearch, meta_index: str, lease: _Lease) -> None:
    """Create the lease, waiting while another live one exists."""
    while True:
        try:
            created = await client.create(index=meta_index, id=_LOCK_DOC, document=lease.document(), refresh="wait_for")
            lease.seq_no, lease.primary_term = int(created["_seq_no"]), int(created["_primary_term"])
            return
        except ConflictError:
            pass
        try:
            found = await client.get(index=meta_index, id=_LOCK_DOC)
        except NotFoundError:
            continue  # released between our create and get: try again at once
        if float(found["_source"]["expires"]) < time.time():
            log.warning("search rebuild lease of %s expired; taking it over", found["_source"]["holder"])
            with contextlib.suppress(ConflictError, NotFoundError):
                await client.delete(
                    index=meta_index, id=_LOCK_DOC, if_seq_no=found["_seq_no"], if_primary_term=found["_primary_term"]
                )
            continue
        await asyncio.sleep(_WAIT_SECONDS)


async def _renew(client: AsyncElasticsearch, meta_index: str, lease: _Lease) -> None:
    while True:
        await asyncio.sleep(LEASE_SECONDS / 3)
        try:
            renewed = await client.index(
                index=meta_index,
                id=_LOCK_DOC,
                document=lease.document(),
                if_seq_no=lease.seq_no,
                if_primary_term=lease.primary_term,
            )
        except (ConflictError, NotFoundError):
            log.error(
                "search rebuild lease of %s was taken over: another rebuild may run beside this one", lease.holder
            )
            return
        lease.seq_no, lease.primary_term = int(renewed["_seq_no"]), int(renewed["_primary_term"])


@contextlib.asynccontextmanager
async def elastic_rebuild_lock(client: AsyncElasticsearch, meta_index: str) -> AsyncIterator[None]:
    """Wait until no other rebuild of this index runs, then hold the lease until the block ends."""
    lease = _Lease(uuid.uuid4().hex)
    await _take(client, meta_index, lease)
    renewing = asyncio.create_task(_renew(client, meta_index, lease))
    try:
        yield
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        # Only our own lease: one taken over after ours lapsed belongs to the new holder.
        with contextlib.suppress(ConflictError, NotFoundError):
            await client.delete(
                index=meta_index,
                id=_LOCK_DOC,
                if_seq_no=lease.seq_no,
                if_primary_term=lease.primary_term,
                refresh="wait_for",
            )
