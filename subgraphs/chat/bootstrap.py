"""The composition root of the chat service: database, relay, consumers, live fan-out, use cases and schema."""

from __future__ import annotations

from gamja.auth.tokens import TokenService
from gamja.db import Database
from gamja.events.factory import open_transport
from gamja.events.known_items import KnownItem, known_items_consumer
from gamja.events.relay import OutboxRelay
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from subgraphs.chat.adapters.queries import ChatQueries
from subgraphs.chat.adapters.repository import ChatRepository
from subgraphs.chat.adapters.tables import outbox
from subgraphs.chat.graphql.schema import build_chat_schema
from subgraphs.chat.service_layer.commands import ChatCommands
from subgraphs.chat.service_layer.container import ChatServices
from subgraphs.chat.service_layer.live import Fanout, LiveMessages
from subgraphs.chat.service_layer.subscriptions import ChatSubscriptions

__all__ = ["NAME", "build"]

NAME = "chat"
KNOWN_ITEMS_GROUP = "chat-known-items"


async def build(settings: Settings) -> ServiceRuntime:
    database = Database(settings.database_url(NAME))
    transport = open_transport(settings)
    relay = OutboxRelay(
        database, outbox, transport, batch_size=settings.relay_batch_size, poll_interval=settings.relay_poll_interval
    )

    async def learn_item(item: KnownItem) -> None:
        async with database.transaction() as session:
            await ChatRepository(session).learn_item(item)

    known_items = known_items_consumer(transport, group_id=KNOWN_ITEMS_GROUP, learn=learn_item)
    live = LiveMessages(queue_capacity=settings.chat_subscriber_queue)
    fanout = Fanout(transport, live)
    # Now, not on the first poll: a message sent after this replica came up must reach its subscribers.
    await fanout.start()
    queries = ChatQueries(database)
    services = ChatServices(
        database=database,
        commands=ChatCommands(database, on_commit=relay.notify),
        queries=queries,
        live=live,
        subscriptions=ChatSubscriptions(database, queries, live),
    )
    return ServiceRuntime(
        name=NAME,
        schema=build_chat_schema(),
        databases={"": database},
        tokens=TokenService.from_settings(settings),
        services=services,
        workers=[relay.run, known_items.run, fanout.run],
        drainers=[relay.drain, known_items.drain, fanout.drain],
        # Closed in reverse: the consumers give their leases back before the transport goes away.
        closers=[transport.close, known_items.close, fanout.close],
        # The fan-out's group is per process and starts at the end of the topic: no lag to watch there.
        consumers=[known_items],
    )
