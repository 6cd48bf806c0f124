"""The dependencies resolvers reach through `info.context.services` (built in bootstrap.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from gamja.db import Database
from gamja.events.consumer import EventConsumer
from gamja.events.relay import OutboxRelay
from subgraphs.items.adapters.known_users import KnownUsersProjector
from subgraphs.items.adapters.unit_of_work import UnitOfWork
from subgraphs.items.read_model.projector import ReadStoreProjector
from subgraphs.items.read_model.queries import ItemReader
from subgraphs.items.read_model.views import ViewCounter
from subgraphs.items.service_layer.lookup import ItemLookup

__all__ = ["ItemsServices"]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ItemsServices:
    write_db: Database
    read_db: Database
    uow: UnitOfWork
    reader: ItemReader
    lookup: ItemLookup  # by id: the read store, then the write DB for what it has not caught up on
    views: ViewCounter
    projector: ReadStoreProjector
    relay: OutboxRelay
    consumer: EventConsumer
    known_users: KnownUsersProjector
    # Tests replace the clock to step over the bump interval and the view window.
    clock: Callable[[], datetime] = field(default=utc_now)
