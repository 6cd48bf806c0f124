"""The composition root of the items service: databases, unit of work, relay, projector and schema."""

from __future__ import annotations

from gamja.auth.tokens import TokenService
from gamja.client_address import ClientAddressSigner
from gamja.db import Database
from gamja.events.consumer import EventConsumer
from gamja.events.factory import open_transport
from gamja.events.relay import OutboxRelay
from gamja.events.topics import ITEMS_EVENTS, USERS_EVENTS
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from subgraphs.items.adapters.known_users import KNOWN_USERS_GROUP, KnownUsersProjector
from subgraphs.items.adapters.tables import outbox
from subgraphs.items.adapters.unit_of_work import UnitOfWork
from subgraphs.items.container import ItemsServices
from subgraphs.items.graphql.schema import build_items_schema
from subgraphs.items.read_model.projector import READ_STORE_GROUP, ReadStoreProjector
from subgraphs.items.read_model.queries import ItemReader
from subgraphs.items.read_model.views import ViewCounter
from subgraphs.items.service_layer.lookup import ItemLookup

__all__ = ["build"]


async def build(settings: Settings) -> ServiceRuntime:
    write_db = Database(settings.database_url("items"))
    read_db = Database(settings.database_url("items", "read"))
    transport = open_transport(settings)
    relay = OutboxRelay(
        write_db, outbox, transport, batch_size=settings.relay_batch_size, poll_interval=settings.relay_poll_interval
    )
    projector = ReadStoreProjector(read_db)
    consumer = EventConsumer(transport, group_id=READ_STORE_GROUP, topics=[ITEMS_EVENTS], handler=projector)
    known_users = KnownUsersProjector(write_db)
    users_consumer = EventConsumer(transport, group_id=KNOWN_USERS_GROUP, topics=[USERS_EVENTS], handler=known_users)
    reader = ItemReader(read_db)
    container = ItemsServices(
        write_db=write_db,
        read_db=read_db,
        uow=UnitOfWork(write_db, on_commit=relay.notify),
        reader=reader,
        lookup=ItemLookup(reader, write_db),
        views=ViewCounter(read_db),
        projector=projector,
        relay=relay,
        consumer=consumer,
        known_users=known_users,
    )
    return ServiceRuntime(
        name="items",
        schema=build_items_schema(),
        databases={"": write_db, "read": read_db},
        client_addresses=ClientAddressSigner.from_settings(settings),
        tokens=TokenService.from_settings(settings),
        services=container,
        workers=[relay.run, consumer.run, users_consumer.run],
        drainers=[relay.drain, consumer.drain, users_consumer.drain],
        # Closed in reverse: the consumers give their leases back before the transport goes away.
        closers=[transport.close, consumer.close, users_consumer.close],
        consumers=[consumer, users_consumer],
    )
