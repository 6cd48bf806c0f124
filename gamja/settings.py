"""Settings read from the environment (prefix `GAMJA_`), with embedded defaults safe for a laptop."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_PORTS", "Settings", "get_settings"]

DEFAULT_PORTS: dict[str, int] = {
    "router": 4000,
    "users": 4001,
    "items": 4002,
    "comments": 4003,
    "search": 4004,
    "chat": 4005,
}


class Settings(BaseSettings):
    """Every knob of every service.

    Database URLs are per service and role (`GAMJA_ITEMS_READ_DATABASE_URL`, ...); unset ones fall back
    to SQLite files under `var_dir`, so `gamja up` needs no server at all.
    """

    model_config = SettingsConfigDict(env_prefix="GAMJA_", env_file=".env", extra="ignore")

    var_dir: Path = Path("var")
    host: str = "127.0.0.1"
    public_host: str = "127.0.0.1"
    log_level: str = "INFO"

    router_port: int = DEFAULT_PORTS["router"]
    users_port: int = DEFAULT_PORTS["users"]
    items_port: int = DEFAULT_PORTS["items"]
    comments_port: int = DEFAULT_PORTS["comments"]
    search_port: int = DEFAULT_PORTS["search"]
    chat_port: int = DEFAULT_PORTS["chat"]

    # Where the router reaches each subgraph; unset → http://{public_host}:{port}/graphql.
    users_url: str | None = None
    items_url: str | None = None
    comments_url: str | None = None
    search_url: str | None = None
    chat_url: str | None = None

    users_database_url: str | None = None
    items_database_url: str | None = None
    items_read_database_url: str | None = None
    comments_database_url: str | None = None
    search_database_url: str | None = None
    chat_database_url: str | None = None

    events_transport: Literal["local", "kafka"] = "local"
    events_log_path: Path | None = None
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_enable_idempotence: bool = True
    kafka_client_id: str = "gamja"
    kafka_topic_partitions: int = Field(default=3, gt=0)
    kafka_topic_replication_factor: int = Field(default=1, gt=0)
    kafka_session_timeout_ms: int = Field(default=10_000, gt=0)
    events_poll_interval: float = Field(default=0.02, gt=0)
    # The embedded log backs off to this while a consumer finds nothing (the first record after a lull waits
    # at most this long); Kafka consumers block on the broker instead.
    events_idle_poll_interval: float = Field(default=0.1, gt=0)
    relay_batch_size: int = Field(default=200, gt=0)
    # The relay is woken by every commit that writes the outbox; this poll only picks up rows another process
    # left (a replica that crashed between commit and publish), so it can be slow.
    relay_poll_interval: float = Field(default=0.5, gt=0)

    jwt_secret: SecretStr | None = None
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "gamja-market"
    token_ttl_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    # Signs the client address the router forwards to the subgraphs (gamja/client_address.py); the same value
    # for the router and every subgraph. Unset: generated under var/ on a laptop, refused with router_production.
    client_address_key: SecretStr | None = None

    registry: Literal["static", "consul"] = "static"
    # Replicas in the static table: service → its instances' GraphQL URLs, e.g.
    # GAMJA_REGISTRY_INSTANCES='{"items": ["http://10.0.0.5:4002/graphql", "http://10.0.0.6:4002/graphql"]}'.
    # A service not named here has the one instance its <service>_url (or port) gives.
    registry_instances: dict[str, list[str]] = Field(default_factory=dict)
    consul_http_addr: str | None = None
    # The host this process registers under (Consul); unset → public_host. Each container sets its own name.
    advertise_host: str | None = None

    run_workers: bool = True
    # `gamja up`: how long each service may take to answer /health after it is spawned (a loaded machine
    # imports five services at once) before the launcher gives up.
    startup_timeout_seconds: float = Field(default=60.0, gt=0)

    # Router subscriptions (router/subscriptions): open subscriptions per WebSocket connection and per client
    # address (all protocols together), and the keep-alive period (WebSocket pings, SSE comments, multipart `{}`).
    router_subscriptions_per_connection: int = Field(default=100, gt=0)
    router_subscriptions_per_client: int = Field(default=1000, gt=0)
    router_subscription_keepalive_seconds: float = Field(default=15.0, gt=0)

    # Chat (subgraphs/chat): live messages a subscriber may have queued before it is dropped as too slow
    # (it then resubscribes with the last message id it saw and misses nothing).
    chat_subscriber_queue: int = Field(default=1000, gt=0)
    subgraph_timeout_seconds: float = Field(default=10.0, gt=0)

    # --- Router resilience (issue 17): how the router treats subgraphs that fail or are slow ---
    # Per-subgraph overrides of subgraph_timeout_seconds, e.g. GAMJA_SUBGRAPH_TIMEOUTS='{"search": 2}'.
    subgraph_timeouts: dict[str, float] = Field(default_factory=dict)
    # Opening a connection alone: a replica cut off the network fails fast and queries move to another.
    subgraph_connect_timeout_seconds: float = Field(default=2.0, gt=0)
    # A subgraph instance's breaker opens after this many consecutive failures (connection, timeout, 5xx)...
    breaker_failure_threshold: int = Field(default=5, gt=0)
    # ...refuses requests at once (SUBGRAPH_CIRCUIT_OPEN) for this long, then lets probes through.
    breaker_open_seconds: float = Field(default=10.0, gt=0)
    breaker_half_open_probes: int = Field(default=1, gt=0)
    # Identical subgraph queries in flight at the same time share one request (never mutations).
    subgraph_dedup: bool = True
    subgraph_balancing: Literal["round_robin", "least_outstanding"] = "least_outstanding"
    # OpenTelemetry: traces go to this OTLP/HTTP collector (e.g. http://otel-collector:4318); unset → none
    # are exported (subgraphs still get traceparent and x-request-id).
    otlp_endpoint: str | None = None
    # Live discovery: every SDL is read again this often (a redeploy on the same address changes nothing in
    # the registry); a registry watch (Consul blocking query) waits at most discovery_wait_seconds.
    discovery_poll_seconds: float = Field(default=10.0, gt=0)
    discovery_wait_seconds: float = Field(default=30.0, gt=0)

    # Router front door (router/server/README.md has the table with the production values).
    # One switch for production: no introspection, no /supergraph.graphql, no query-plan header, no
    # localhost CORS origins.
    router_production: bool = False
    router_max_body_bytes: int = Field(default=2_000_000, gt=0)
    router_max_depth: int = Field(default=12, gt=0)
    router_max_aliases: int = Field(default=30, ge=0)
    router_max_root_fields: int = Field(default=20, gt=0)
    router_max_tokens: int = Field(default=15_000, gt=0)
    # Field selections once fragments are inlined (fragments spread in fragments multiply).
    router_max_selections: int = Field(default=2_000, gt=0)
    router_max_cost: int = Field(default=5_000, gt=0)
    # The list size the cost assumes for a list field without `first`/`last` or `@listSize`.
    router_default_list_size: int = Field(default=10, gt=0)
    # Origins (besides localhost ones outside production) whose web apps may call the API.
    router_cors_origins: list[str] = Field(default_factory=list)
    router_apq: bool = True
    # A persisted-documents manifest (Apollo's or GraphQL Codegen's format): set, only those documents run.
    router_trusted_documents: Path | None = None
    # Memory the parse, validation and plan caches may hold together.
    router_cache_bytes: int = Field(default=64 * 1024 * 1024, gt=0)
    # The web app at `/` (router/server/web_app.py): the Vite build in this directory; unset → the checkout's
    # web/dist, which `make run` builds. Off: the router serves the API alone.
    router_web_app: bool = True
    router_web_dir: Path | None = None

    def port(self, service: str) -> int:
        port = getattr(self, f"{service}_port", None)
        if not isinstance(port, int):
            raise KeyError(f"unknown service {service!r}")
        return port

    def service_url(self, service: str) -> str:
        configured = getattr(self, f"{service}_url", None)
        return str(configured) if configured else f"http://{self.public_host}:{self.port(service)}/graphql"

    def database_url(self, service: str, role: str = "") -> str:
        """URL of one database a service owns; `role` distinguishes e.g. the items read store."""
        stem = f"{service}_{role}" if role else service
        configured = getattr(self, f"{stem}_database_url", None)
        if configured:
            return str(configured)
        return f"sqlite+aiosqlite:///{(self.var_dir / f'{stem}.db').as_posix()}"

    def events_log_file(self) -> Path:
        """The embedded event log (a SQLite file every local process shares)."""
        return self.events_log_path or self.var_dir / "events.db"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
