"""The whole stack as separate processes: fresh PostgreSQL databases, Tansu on durable storage, every subgraph
(two replicas of items and of search) and the router in discovery mode over the static registry table.

Synchronous on purpose: start and stop run outside any event loop (a pytest fixture, the benchmark's main),
and a test calls the slow fault actions (`restart_broker`) through `asyncio.to_thread` so that its load keeps
running meanwhile. Every child is stopped by its own pid; the databases are dropped at the end.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from gamja.catalog import load_spec, subgraph_names
from tests.support.databases import POSTGRES_ADMIN_DSN, create_postgres_database, drop_postgres_database
from tests.support.faults.broker import DurableBroker, accepts, free_port
from tests.support.faults.netns import NetnsUnavailable, ReplicaNetwork
from tests.support.faults.processes import Child, StartFailed, wait_until

__all__ = ["FaultStack", "Instance", "RouterPolicy"]

START_TIMEOUT = 240.0  # a cold start of ten Python processes on a busy 2-core machine
NAMESPACED_PORT = 4004  # each namespace has its own ports


@dataclass(frozen=True)
class RouterPolicy:
    """The router's resilience settings in this stack (GAMJA_* names): short, so faults resolve in seconds."""

    connect_timeout: float = 1.0
    search_timeout: float = 5.0
    failure_threshold: int = 5
    open_seconds: float = 3.0

    def env(self) -> dict[str, str]:
        return {
            "GAMJA_SUBGRAPH_CONNECT_TIMEOUT_SECONDS": str(self.connect_timeout),
            "GAMJA_SUBGRAPH_TIMEOUTS": json.dumps({"search": self.search_timeout}),
            "GAMJA_BREAKER_FAILURE_THRESHOLD": str(self.failure_threshold),
            "GAMJA_BREAKER_OPEN_SECONDS": str(self.open_seconds),
        }


@dataclass
class Instance:
    service: str
    number: int  # 1-based
    host: str
    port: int
    child: Child
    namespace: int | None = None  # index in the ReplicaNetwork

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}/graphql"


@dataclass
class FaultStack:
    work_dir: Path
    replicas: dict[str, int] = field(default_factory=lambda: {"items": 2, "search": 2})
    isolate: str | None = "search"  # the service whose replicas get network namespaces
    policy: RouterPolicy = field(default_factory=RouterPolicy)
    log_dir: Path = Path()  # default: work_dir/logs

    def __post_init__(self) -> None:
        if self.log_dir == Path():
            self.log_dir = self.work_dir / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.netns_problem: str | None = None
        self.network: ReplicaNetwork | None = None
        self.databases: dict[str, str] = {}  # "<service>[_<role>]" → database name
        self.instances: dict[str, list[Instance]] = {}
        self.router: Child | None = None
        self.router_port = free_port()
        self.jwt_secret = secrets.token_urlsafe(48)
        self.broker: DurableBroker | None = None
        # Where the namespaced replicas reach PostgreSQL: a forwarder on the host bridge (tcp_forward.py).
        self.database_forward: tuple[str, int] | None = None
        self._forwarder: Child | None = None

    # --- start and stop ---

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        if self.isolate is not None:
            network = ReplicaNetwork(self.replicas.get(self.isolate, 1))
            try:
                network.create()
                self.network = network
            except NetnsUnavailable as exc:
                self.netns_problem = str(exc)
        if self.network is not None:
            self._start_database_forward(self.network.host_address)
        self.broker = DurableBroker(self.log_dir, host=self.network.host_address if self.network else "127.0.0.1")
        self.broker.start()
        asyncio.run(self._create_databases())
        migrate = subprocess.run(
            [sys.executable, "-m", "gamja.cli", "migrate"],
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if migrate.returncode != 0:
            raise StartFailed(f"gamja migrate failed: {migrate.stderr[-2000:]}")
        for name in subgraph_names():
            self.instances[name] = [self._instance(name, n) for n in range(1, self.replicas.get(name, 1) + 1)]
        every = [instance for found in self.instances.values() for instance in found]
        for instance in every:
            instance.child.start()
        for instance in every:
            self.wait_healthy(instance)
        self.router = Child(
            "router",
            [sys.executable, "-m", "gamja.cli", "serve", "router", "--port", str(self.router_port)],
            self._router_env(),
            self.log_dir,
        )
        self.router.start()
        wait_until(self._router_ready, START_TIMEOUT, "the router", self.router.alive)

    def _start_database_forward(self, host: str) -> None:
        server = urlsplit(POSTGRES_ADMIN_DSN)
        port = free_port(host)
        self._forwarder = Child(
            "postgres-forward",
            [
                sys.executable,
                "-m",
                "tests.support.faults.tcp_forward",
                f"{host}:{port}",
                f"{server.hostname}:{server.port or 5432}",
            ],
            os.environ,
            self.log_dir,
        )
        self._forwarder.start()
        wait_until(lambda: accepts(host, port), 30, "the PostgreSQL forwarder", self._forwarder.alive)
        self.database_forward = (host, port)

    async def _create_databases(self) -> None:
        for name in subgraph_names():
            for role in load_spec(name).migrations:
                stem = f"{name}_{role}" if role else name
                self.databases[stem], _ = await create_postgres_database(prefix="gamja_faults")

    def close(self) -> None:
        if self.router is not None:
            self.router.stop()
        for found in self.instances.values():
            for instance in found:
                instance.child.stop()
        if self.broker is not None:
            self.broker.stop()
        if self._forwarder is not None:
            self._forwarder.stop()
        if self.network is not None:
            self.network.close()
        names = list(self.databases.values())
        self.databases.clear()
        if names:
            asyncio.run(_drop(names))

    # --- environment ---

    def database_url(self, stem: str, *, forwarded: bool = False) -> str:
        name = self.databases[stem]
        if forwarded:
            assert self.database_forward is not None
            host, port = self.database_forward
            return f"postgresql+asyncpg://postgres@{host}:{port}/{name}"
        return POSTGRES_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"

    def dsn(self, stem: str) -> str:
        """An asyncpg DSN of one of the stack's databases, for the checks that read them directly."""
        return POSTGRES_ADMIN_DSN.rsplit("/", 1)[0] + f"/{self.databases[stem]}"

    def _env(self, *, forwarded: bool = False, host: str = "127.0.0.1") -> dict[str, str]:
        assert self.broker is not None
        env = {key: value for key, value in os.environ.items() if not key.startswith("GAMJA_")}
        env |= {
            f"GAMJA_{stem.upper()}_DATABASE_URL": self.database_url(stem, forwarded=forwarded)
            for stem in self.databases
        }
        env |= {
            "GAMJA_VAR_DIR": str(self.work_dir / "var"),
            "GAMJA_JWT_SECRET": self.jwt_secret,
            "GAMJA_EVENTS_TRANSPORT": "kafka",
            "GAMJA_KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "GAMJA_KAFKA_ENABLE_IDEMPOTENCE": "false",  # Tansu has no idempotent producers
            "GAMJA_HOST": host,
            "GAMJA_PUBLIC_HOST": host,
            # A child whose parent (this process) dies leaves instead of lingering.
            "GAMJA_PARENT_PID": str(os.getpid()),
        }
        return env

    def _router_env(self) -> dict[str, str]:
        table = {name: [instance.url for instance in found] for name, found in self.instances.items()}
        return self._env() | self.policy.env() | {"GAMJA_REGISTRY_INSTANCES": json.dumps(table)}

    def _instance(self, name: str, number: int) -> Instance:
        namespaced = self.network is not None and name == self.isolate
        if namespaced:
            assert self.network is not None
            index = number - 1
            host, port = self.network.addresses[index], NAMESPACED_PORT
            prefix = list(self.network.exec_prefix(index))
        else:
            index, host, port, prefix = None, "127.0.0.1", free_port(), []
        label = f"{name}-{number}"
        argv = [*prefix, sys.executable, "-m", "gamja.cli", "serve", name, "--port", str(port)]
        env = self._env(forwarded=namespaced, host=host) | {"GAMJA_KAFKA_CLIENT_ID": f"gamja-{label}"}
        return Instance(name, number, host, port, Child(label, argv, env, self.log_dir), index)

    # --- readiness ---

    def _healthy(self, instance: Instance) -> bool:
        try:
            return httpx.get(f"{instance.base_url}/health", timeout=2, trust_env=False).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_healthy(self, instance: Instance, timeout: float = START_TIMEOUT) -> None:
        try:
            wait_until(lambda: self._healthy(instance), timeout, instance.child.name, instance.child.alive)
        except StartFailed as exc:
            raise StartFailed(f"{exc}; its log ends with:\n{instance.child.log_tail()}") from exc

    def ready(self) -> dict[str, object]:
        """The router's /ready body."""
        body: dict[str, object] = httpx.get(f"{self.router_url}/ready", timeout=5, trust_env=False).json()
        return body

    def _router_ready(self) -> bool:
        try:
            body = self.ready()
        except (httpx.HTTPError, ValueError):
            return False
        subgraphs = body.get("subgraphs")
        return (
            body.get("status") == "ready"
            and isinstance(subgraphs, dict)
            and all(subgraphs.get(name, {}).get("instances") == len(found) for name, found in self.instances.items())
        )

    @property
    def router_url(self) -> str:
        return f"http://127.0.0.1:{self.router_port}"

    # --- faults ---

    def kill(self, service: str, number: int) -> float:
        """SIGKILL one replica; returns the monotonic time of the kill."""
        self.instances[service][number - 1].child.kill()
        return time.monotonic()

    def revive(self, service: str, number: int) -> None:
        instance = self.instances[service][number - 1]
        instance.child.start()
        self.wait_healthy(instance)

    def restart_broker(self, down_seconds: float) -> tuple[float, float]:
        """Stop Tansu, wait, start it again on the same address and storage; returns (stopped, started) times."""
        assert self.broker is not None
        self.broker.stop_broker()
        stopped = time.monotonic()
        time.sleep(down_seconds)
        self.broker.start_broker()
        return stopped, time.monotonic()

    def cut(self, service: str, number: int) -> None:
        self._namespace_of(service, number)
        assert self.network is not None
        self.network.cut(self._namespace_of(service, number))

    def restore(self, service: str, number: int) -> None:
        assert self.network is not None
        self.network.restore(self._namespace_of(service, number))

    def _namespace_of(self, service: str, number: int) -> int:
        index = self.instances[service][number - 1].namespace
        if index is None or self.network is None:
            raise NetnsUnavailable(self.netns_problem or f"{service} runs without network namespaces")
        return index

    # --- operator's view ---

    def check(self, service: str) -> tuple[int, str]:
        """`gamja check <service>` as an operator runs it: (exit code, output)."""
        result = subprocess.run(
            [sys.executable, "-m", "gamja.cli", "check", service],
            env=self._env() | {"GAMJA_LOG_LEVEL": "WARNING"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        return result.returncode, (result.stdout + result.stderr).strip()


async def _drop(names: list[str]) -> None:
    for name in names:
        await drop_postgres_database(name)
