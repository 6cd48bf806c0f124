"""The composition root of the users service: database, use cases, the users.events relay, the sales consumer
and the schema."""

from __future__ import annotations

import secrets
from datetime import timedelta

from gamja.auth.passwords import hash_password
from gamja.auth.tokens import TokenService
from gamja.client_address import ClientAddressSigner
from gamja.db import Database
from gamja.events.consumer import EventConsumer
from gamja.events.factory import open_transport
from gamja.events.relay import OutboxRelay
from gamja.events.topics import ITEMS_EVENTS
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from subgraphs.users.adapters.tables import outbox
from subgraphs.users.domain.throttle import ThrottlePolicy
from subgraphs.users.graphql.schema import build_users_schema
from subgraphs.users.service_layer.accounts import AccountService
from subgraphs.users.service_layer.clock import Clock
from subgraphs.users.service_layer.reviews import ReviewService
from subgraphs.users.service_layer.services import UsersServices
from subgraphs.users.service_layer.throttle import LoginThrottle

__all__ = ["PER_ADDRESS", "PER_EMAIL", "SALES_CONSUMER_GROUP", "SIGN_UPS_PER_ADDRESS", "build"]

SALES_CONSUMER_GROUP = "users-sales"
PER_EMAIL = ThrottlePolicy(max_failures=5, window=timedelta(minutes=1))
PER_ADDRESS = ThrottlePolicy(max_failures=20, window=timedelta(minutes=1))
# Every sign-up counts (not only refused ones), so probing which emails have accounts costs as much as
# guessing passwords; 10 an hour is plenty for a household or an office sharing one address.
SIGN_UPS_PER_ADDRESS = ThrottlePolicy(max_failures=10, window=timedelta(hours=1))


async def build(settings: Settings) -> ServiceRuntime:
    database = Database(settings.database_url("users"))
    tokens = TokenService.from_settings(settings)
    clock = Clock()
    throttle = LoginThrottle(
        database, clock, per_email=PER_EMAIL, per_address=PER_ADDRESS, sign_ups_per_address=SIGN_UPS_PER_ADDRESS
    )
    transport = open_transport(settings)
    relay = OutboxRelay(
        database, outbox, transport, batch_size=settings.relay_batch_size, poll_interval=settings.events_poll_interval
    )
    services = UsersServices(
        accounts=AccountService(
            database,
            tokens,
            throttle,
            clock,
            decoy_hash=await hash_password(secrets.token_urlsafe(32)),
            on_commit=relay.notify,
        ),
        reviews=ReviewService(database, clock),
        clock=clock,
    )
    sales = EventConsumer(
        transport, group_id=SALES_CONSUMER_GROUP, topics=[ITEMS_EVENTS], handler=services.reviews.apply_item_event
    )
    return ServiceRuntime(
        name="users",
        schema=build_users_schema(),
        databases={"": database},
        client_addresses=ClientAddressSigner.from_settings(settings),
        tokens=tokens,
        services=services,
        workers=[relay.run, sales.run],
        drainers=[relay.drain, sales.drain],
        # Closers run in reverse: the consumer gives its lease back before the transport closes.
        closers=[transport.close, sales.close],
        consumers=[sales],
    )
