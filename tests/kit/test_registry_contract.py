"""The registry contract, run against every adapter available: the static table always, Consul when CONSUL_HTTP_ADDR is set."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from pydantic import SecretStr

from gamja.registry.base import ServiceInstance, ServiceRegistry
from gamja.registry.consul import ConsulRegistry
from gamja.registry.factory import advertised_instance, open_registry
from gamja.registry.static import StaticRegistry
from gamja.settings import Settings

CONSUL_SKIP_REASON = (
    "CONSUL_HTTP_ADDR is not set: no Consul server can be installed on this machine, "
    "so the Consul registry's contract tests did not run"
)
# Consul runs the health checks, so it must reach the instances' /health: the agent's view of this host.
ADVERTISE_HOST = os.environ.get("GAMJA_TEST_ADVERTISE_HOST", "127.0.0.1")
SETTLE_SECONDS = 20.0  # several Consul check intervals

T = TypeVar("T")


async def _health_endpoint(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """The smallest HTTP server Consul's HTTP check accepts: 200 on every request."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    await writer.drain()
    writer.close()


@dataclass
class Subject:
    registry: ServiceRegistry
    healthy_port: int
    prefix: str = field(default_factory=lambda: f"gamja-test-{uuid.uuid4().hex[:8]}")
    registered: list[str] = field(default_factory=list)

    def instance(self, service: str, number: int, *, tags: tuple[str, ...] = ()) -> ServiceInstance:
        # Instances share one live /health; the path keeps their URLs apart.
        return ServiceInstance(
            name=f"{self.prefix}-{service}",
            instance_id=f"{self.prefix}-{service}-{number}",
            url=f"http://{ADVERTISE_HOST}:{self.healthy_port}/{number}/graphql",
            tags=tags,
        )

    async def register(self, instance: ServiceInstance) -> None:
        await self.registry.register(instance)
        self.registered.append(instance.instance_id)


async def eventually(probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool]) -> T:
    """Wait for the expected view, within limits: Consul lists an instance once its first check passes, and the
    agent passes (de)registrations on to the catalog asynchronously."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        value = await probe()
        if accept(value) or time.monotonic() >= deadline:
            return value
        await asyncio.sleep(0.2)


@pytest.fixture(params=["static", "consul"])
async def subject(request: pytest.FixtureRequest) -> AsyncIterator[Subject]:
    registry: ServiceRegistry
    if request.param == "consul":
        addr = os.environ.get("CONSUL_HTTP_ADDR")
        if not addr:
            pytest.skip(CONSUL_SKIP_REASON)
        registry = ConsulRegistry(addr, check_interval="1s", check_timeout="1s", deregister_after="1m")
    else:
        registry = StaticRegistry()
    server = await asyncio.start_server(_health_endpoint, host="0.0.0.0", port=0)
    subject = Subject(registry, healthy_port=server.sockets[0].getsockname()[1])
    try:
        yield subject
    finally:
        for instance_id in subject.registered:
            await registry.deregister(instance_id)
        server.close()
        await server.wait_closed()


def ids(instances: list[ServiceInstance]) -> list[str]:
    return sorted(i.instance_id for i in instances)


async def test_a_registered_instance_is_listed_until_it_deregisters(subject: Subject) -> None:
    first = subject.instance("users", 1, tags=("v1",))
    await subject.register(first)

    listed = await eventually(lambda: subject.registry.instances(first.name), lambda found: len(found) == 1)
    assert listed == [first]

    await subject.registry.deregister(first.instance_id)
    assert await eventually(lambda: subject.registry.instances(first.name), lambda found: found == []) == []


async def test_instances_lists_only_the_service_asked_for(subject: Subject) -> None:
    users = [subject.instance("users", n) for n in (1, 2)]
    items = subject.instance("items", 1)
    for instance in [*users, items]:
        await subject.register(instance)

    listed = await eventually(lambda: subject.registry.instances(users[0].name), lambda found: len(found) == 2)
    assert ids(listed) == ids(users)
    assert await subject.registry.instances(f"{subject.prefix}-nobody") == []


async def test_services_groups_instances_by_name(subject: Subject) -> None:
    users = [subject.instance("users", n) for n in (1, 2)]
    items = subject.instance("items", 3)
    for instance in [*users, items]:
        await subject.register(instance)

    def ours(services: dict[str, list[ServiceInstance]]) -> dict[str, list[str]]:
        # A shared Consul may hold other services; the contract is about the ones this test registered.
        return {name: ids(found) for name, found in services.items() if name.startswith(subject.prefix)}

    expected = {users[0].name: ids(users), items.name: [items.instance_id]}
    grouped = await eventually(subject.registry.services, lambda services: ours(services) == expected)
    assert ours(grouped) == expected


async def test_deregistering_one_instance_keeps_the_others(subject: Subject) -> None:
    users = [subject.instance("users", n) for n in (1, 2)]
    for instance in users:
        await subject.register(instance)
    await eventually(lambda: subject.registry.instances(users[0].name), lambda found: len(found) == 2)

    await subject.registry.deregister(users[0].instance_id)

    left = await eventually(lambda: subject.registry.instances(users[0].name), lambda found: len(found) == 1)
    assert ids(left) == [users[1].instance_id]


async def test_consul_lists_only_instances_whose_health_check_passes(subject: Subject) -> None:
    if isinstance(subject.registry, StaticRegistry):
        pytest.skip("the static table has no health checks: its instances are healthy by definition")
    healthy = subject.instance("users", 1)
    with_nothing_listening = ServiceInstance(
        name=healthy.name, instance_id=f"{subject.prefix}-users-down", url=f"http://{ADVERTISE_HOST}:9/graphql"
    )
    await subject.register(healthy)
    await subject.register(with_nothing_listening)

    listed = await eventually(lambda: subject.registry.instances(healthy.name), lambda found: len(found) == 1)
    await asyncio.sleep(2.5)  # more than two check intervals: the dead one had every chance to appear
    assert ids(await subject.registry.instances(healthy.name)) == ids(listed) == [healthy.instance_id]


def settings(**values: Any) -> Settings:
    return Settings(jwt_secret=SecretStr("registry-test-secret-" + "x" * 40), **values)


async def test_the_static_registry_is_the_default_and_lists_every_configured_subgraph() -> None:
    registry = open_registry(settings(users_port=5101, items_url="http://items.internal/graphql"), ["users", "items"])

    assert isinstance(registry, StaticRegistry)
    assert [i.url for i in await registry.instances("users")] == ["http://127.0.0.1:5101/graphql"]
    assert [i.url for i in await registry.instances("items")] == ["http://items.internal/graphql"]


async def test_the_static_table_lists_the_replicas_a_setting_names() -> None:
    replicas = ["http://127.0.0.1:5611/graphql", "http://127.0.0.1:5612/graphql"]
    registry = open_registry(settings(users_port=5101, registry_instances={"items": replicas}), ["users", "items"])

    assert [i.url for i in await registry.instances("items")] == replicas
    assert len({i.instance_id for i in await registry.instances("items")}) == 2
    assert [i.url for i in await registry.instances("users")] == ["http://127.0.0.1:5101/graphql"]


def test_the_consul_registry_is_chosen_by_setting() -> None:
    assert isinstance(open_registry(settings(registry="consul", consul_http_addr="consul:8500"), []), ConsulRegistry)


def test_an_instance_advertises_the_advertise_host_else_the_public_host() -> None:
    named = advertised_instance(settings(public_host="10.0.0.5", advertise_host="items"), "items", 4002)
    assert (named.instance_id, named.url, named.health_url) == (
        "items-items-4002",
        "http://items:4002/graphql",
        "http://items:4002/health",
    )
    assert advertised_instance(settings(public_host="10.0.0.5"), "items", 4002).url == "http://10.0.0.5:4002/graphql"


async def test_a_watch_returns_when_an_instance_appears_not_at_the_end_of_its_wait(subject: Subject) -> None:
    first = subject.instance("users", 1)
    await subject.register(first)
    await eventually(lambda: subject.registry.instances(first.name), lambda found: len(found) == 1)
    index, found = await subject.registry.watch(first.name, None, 10)
    assert ids(found) == [first.instance_id]

    second = subject.instance("users", 2)
    started = time.monotonic()
    watch = asyncio.create_task(subject.registry.watch(first.name, index, 20))
    await asyncio.sleep(0.2)
    assert not watch.done()  # nothing changed yet: the watch waits
    await subject.register(second)
    # Consul lists the newcomer once its first health check passes; a watch may wake before that and return
    # the same list with a new index, so watch again until it is there.
    while True:
        index, found = await watch
        if len(found) == 2 or time.monotonic() - started > 15:
            break
        watch = asyncio.create_task(subject.registry.watch(first.name, index, 20))
    assert ids(found) == ids([first, second])
    assert time.monotonic() - started < 15
