"""What a service is to the kit: a subgraph (databases, migrations, a runtime built from settings) or a gateway.

Services declare themselves as entry points in the group `gamja.services` (see `gamja.catalog`); the kit never
imports a service's package by name.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import strawberry

from gamja.auth.tokens import TokenService
from gamja.client_address import ClientAddressSigner
from gamja.db import Database
from gamja.events.consumer import EventConsumer
from gamja.migrations import MigrationSet
from gamja.settings import Settings

__all__ = ["GatewaySpec", "ServiceRuntime", "ServiceSpec", "Worker"]

Worker = Callable[[asyncio.Event], Awaitable[None]]


@dataclass
class ServiceRuntime:
    """A built service (its composition root): schema, databases, dependencies for resolvers, workers."""

    name: str
    schema: strawberry.Schema
    databases: dict[str, Database]
    tokens: TokenService
    services: Any
    # Checks the client address the router signed; None: every request counts as from its socket peer.
    client_addresses: ClientAddressSigner | None = None
    workers: list[Worker] = field(default_factory=list)
    # Each processes what is pending right now (outbox relay, event consumers) and returns how much it did:
    # the CLI's reindex and the tests use them to bring the read side up to date deterministically.
    drainers: list[Callable[[], Awaitable[int]]] = field(default_factory=list)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # The consumer groups this service runs, whose lag its `/metrics` reports.
    consumers: list[EventConsumer] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every service that verifies tokens follows their revocations (gamja/auth/revocations.py).
        feed = self.tokens.feed
        if feed is not None:
            self.workers = [*self.workers, feed.run]
            self.drainers = [*self.drainers, feed.drain]
            self.closers = [feed.close, *self.closers]

    async def settle(self) -> int:
        """Run the drainers until none has anything left; returns the total processed."""
        total = 0
        while progress := sum([await drain() for drain in self.drainers]):
            total += progress
        return total

    async def close(self) -> None:
        for closer in reversed(self.closers):
            await closer()
        for database in self.databases.values():
            await database.dispose()


@dataclass(frozen=True)
class ServiceSpec:
    """A subgraph as the CLI and the launcher see it; `migrations` maps a database role to its scripts."""

    name: str
    migrations: Mapping[str, MigrationSet]
    build: Callable[[Settings], Awaitable[ServiceRuntime]]
    # The services this one is migrated, seeded and started after (items' demo data needs the users' accounts).
    after: tuple[str, ...] = ()
    seed: Callable[[ServiceRuntime], Awaitable[None]] | None = None
    reindex: Callable[[ServiceRuntime], Awaitable[None]] | None = None
    check: Callable[[ServiceRuntime], Awaitable[list[str]]] | None = None
    # Adds the service's own `gamja <name> ...` commands (e.g. `gamja users create-admin`) to the CLI's subparsers;
    # called only when the command line names this service.
    extend_cli: Callable[[Any], None] | None = None

    def database_urls(self, settings: Settings) -> dict[str, str]:
        return {role: settings.database_url(self.name, role) for role in self.migrations}


@dataclass(frozen=True)
class GatewaySpec:
    """A service in front of the subgraphs (the router): no database of its own, started after every subgraph.

    `serve(settings, port)` runs it in the foreground and returns the process's exit code.
    """

    name: str
    serve: Callable[[Settings, int | None], Awaitable[int]]
