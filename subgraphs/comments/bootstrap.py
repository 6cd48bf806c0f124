"""The composition root of the comments service: database, event consumer, use cases and schema."""

from __future__ import annotations

from gamja.auth.tokens import TokenService
from gamja.db import Database
from gamja.events.factory import open_transport
from gamja.events.known_items import KnownItem, known_items_consumer
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from subgraphs.comments.adapters.queries import CommentQueries
from subgraphs.comments.adapters.repository import CommentRepository
from subgraphs.comments.graphql.schema import build_comments_schema
from subgraphs.comments.service_layer.commands import CommentCommands
from subgraphs.comments.service_layer.container import CommentsServices
from subgraphs.comments.service_layer.replay import KNOWN_ITEMS_GROUP, KnownItemsReplay

__all__ = ["NAME", "build"]

NAME = "comments"


async def build(settings: Settings) -> ServiceRuntime:
    database = Database(settings.database_url(NAME))
    transport = open_transport(settings)

    async def learn_item(item: KnownItem) -> None:
        async with database.transaction() as session:
            await CommentRepository(session).learn_item(item)

    consumer = known_items_consumer(transport, group_id=KNOWN_ITEMS_GROUP, learn=learn_item)
    services = CommentsServices(
        database=database,
        commands=CommentCommands(database),
        queries=CommentQueries(database),
        known_items=KnownItemsReplay(database, transport),
    )
    return ServiceRuntime(
        name=NAME,
        schema=build_comments_schema(),
        databases={"": database},
        tokens=TokenService.from_settings(settings),
        services=services,
        workers=[consumer.run],
        drainers=[consumer.drain],
        closers=[transport.close, consumer.close],
        consumers=[consumer],
    )
