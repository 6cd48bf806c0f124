"""Shape tests, not a Consul server: the ConsulRegistry's requests and its reading of answers.

The answers below are recorded in the shapes Consul's HTTP API documents (agent service register and
deregister, /v1/health/service/:service, /v1/catalog/services); httpx.MockTransport hands them back and
records what was sent. Whether a real Consul agrees is what tests/kit/test_registry_contract.py checks
when CONSUL_HTTP_ADDR is set.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from consul.exceptions import ConsulException

from gamja.registry.base import ServiceInstance
from gamja.registry.consul import ConsulRegistry

INDEX = {"X-Consul-Index": "42"}  # Consul sends it on every blocking-capable read; py-consul requires it

# /v1/health/service/users?passing, in the documented shape (one entry per instance: node, service, checks).
HEALTH_USERS: list[dict[str, Any]] = [
    {
        "Node": {
            "ID": "40e4a748-2192-161a-0510-9bf59fe950b5",
            "Node": "node-a",
            "Address": "10.1.10.12",
            "Datacenter": "dc1",
            "TaggedAddresses": {"lan": "10.1.10.12", "wan": "10.1.10.12"},
            "Meta": {"instance_type": "t2.medium"},
        },
        "Service": {
            "ID": "users-users-4001",
            "Service": "users",
            "Tags": ["v1"],
            "Address": "users",
            "Meta": {"url": "http://users:4001/graphql"},
            "Port": 4001,
            "Weights": {"Passing": 1, "Warning": 1},
            "Namespace": "default",
        },
        "Checks": [
            {
                "Node": "node-a",
                "CheckID": "service:users-users-4001",
                "Name": "Service 'users' check",
                "Status": "passing",
                "Output": "HTTP GET http://users:4001/health: 200 OK",
                "ServiceID": "users-users-4001",
                "ServiceName": "users",
                "ServiceTags": ["v1"],
            }
        ],
    },
    {
        # Registered by hand (a Consul service definition): no metadata, no service address.
        "Node": {"ID": "b2d7", "Node": "node-b", "Address": "10.1.10.13", "Datacenter": "dc1"},
        "Service": {"ID": "users-manual", "Service": "users", "Tags": [], "Address": "", "Meta": None, "Port": 4101},
        "Checks": [],
    },
]


class Recorder:
    """Answers each request from a table of (method, path) → (status, body) and remembers it."""

    def __init__(self, answers: dict[tuple[str, str], tuple[int, Any]]) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, body = self.answers[(request.method, request.url.path)]
        headers = INDEX if request.method == "GET" else {}
        return httpx.Response(status, headers=headers, content=b"" if body is None else json.dumps(body).encode())

    def registry(self, addr: str = "consul.internal:8500", **options: Any) -> ConsulRegistry:
        return ConsulRegistry(addr, transport=httpx.MockTransport(self), **options)


def lower_keys(value: Any) -> Any:
    # Consul decodes request bodies with Go's encoding/json, which matches field names case-insensitively.
    if isinstance(value, dict):
        return {key.lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


async def test_register_sends_the_instance_with_an_http_check_on_its_health_endpoint() -> None:
    recorder = Recorder({("PUT", "/v1/agent/service/register"): (200, None)})
    registry = recorder.registry(check_interval="7s", check_timeout="2s", deregister_after="3m")

    await registry.register(
        ServiceInstance("items", "items-items-4002", "http://items:4002/graphql", tags=("v2", "blue"))
    )

    [request] = recorder.requests
    assert str(request.url) == "http://consul.internal:8500/v1/agent/service/register"
    assert lower_keys(json.loads(request.content)) == {
        "name": "items",
        "id": "items-items-4002",
        "address": "items",
        "port": 4002,
        "tags": ["v2", "blue"],
        "meta": {"url": "http://items:4002/graphql"},
        "checks": [
            {
                "http": "http://items:4002/health",
                "interval": "7s",
                "timeout": "2s",
                "deregistercriticalserviceafter": "3m",
            }
        ],
    }


async def test_deregister_names_the_instance_in_the_path() -> None:
    recorder = Recorder({("PUT", "/v1/agent/service/deregister/items-items-4002"): (200, None)})

    await recorder.registry().deregister("items-items-4002")

    assert [(r.method, r.url.path) for r in recorder.requests] == [
        ("PUT", "/v1/agent/service/deregister/items-items-4002")
    ]


async def test_instances_asks_for_passing_checks_only_and_reads_each_entry() -> None:
    recorder = Recorder({("GET", "/v1/health/service/users"): (200, HEALTH_USERS)})

    found = await recorder.registry().instances("users")

    [request] = recorder.requests
    assert request.url.params.get("passing") == "1"
    assert found == [
        ServiceInstance("users", "users-users-4001", "http://users:4001/graphql", tags=("v1",)),
        # Without metadata or a service address, the node's address and the service port make the URL.
        ServiceInstance("users", "users-manual", "http://10.1.10.13:4101/graphql"),
    ]


async def test_an_unknown_service_has_no_instances() -> None:
    recorder = Recorder({("GET", "/v1/health/service/nobody"): (200, [])})

    assert await recorder.registry().instances("nobody") == []


async def test_services_groups_healthy_instances_by_name_without_consul_itself() -> None:
    recorder = Recorder(
        {
            ("GET", "/v1/catalog/services"): (200, {"consul": [], "users": ["v1"], "search": []}),
            ("GET", "/v1/health/service/users"): (200, HEALTH_USERS[:1]),
            ("GET", "/v1/health/service/search"): (200, []),
        }
    )

    grouped = await recorder.registry().services()

    assert {name: [i.instance_id for i in found] for name, found in grouped.items()} == {
        "search": [],
        "users": ["users-users-4001"],
    }
    assert "/v1/health/service/consul" not in [r.url.path for r in recorder.requests]


async def test_a_consul_error_is_raised_not_swallowed() -> None:
    recorder = Recorder({("PUT", "/v1/agent/service/register"): (500, "rpc error: No cluster leader")})

    with pytest.raises(ConsulException, match="No cluster leader"):
        await recorder.registry().register(ServiceInstance("items", "items-1", "http://items:4002/graphql"))


async def test_the_acl_token_travels_in_its_header() -> None:
    recorder = Recorder({("GET", "/v1/health/service/users"): (200, [])})

    await recorder.registry(token="s3cr3t").instances("users")

    assert recorder.requests[0].headers["X-Consul-Token"] == "s3cr3t"


@pytest.mark.parametrize(
    ("addr", "base"),
    [
        ("consul:8500", "http://consul:8500"),
        ("http://10.0.0.2:8500", "http://10.0.0.2:8500"),
        ("https://consul.example:8501", "https://consul.example:8501"),
        ("consul", "http://consul:8500"),
    ],
)
async def test_the_address_takes_consul_http_addr_forms(addr: str, base: str) -> None:
    recorder = Recorder({("GET", "/v1/health/service/users"): (200, [])})

    await recorder.registry(addr).instances("users")

    assert str(recorder.requests[0].url).startswith(f"{base}/v1/health/service/users")


async def test_watch_is_a_blocking_query_from_the_index_it_was_given() -> None:
    recorder = Recorder({("GET", "/v1/health/service/users"): (200, HEALTH_USERS)})
    registry = recorder.registry()

    first_index, first = await registry.watch("users", None, 30)
    index, found = await registry.watch("users", first_index, 30)

    plain, blocking = recorder.requests
    assert "index" not in plain.url.params and plain.url.params.get("passing") == "1"
    assert (blocking.url.params.get("index"), blocking.url.params.get("wait")) == ("42", "30s")
    assert blocking.url.params.get("passing") == "1"
    assert first_index == index == "42"
    assert found == first == await registry.instances("users")
