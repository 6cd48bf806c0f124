"""The router of the stack: subgraphs discovered in the registry, composed live, served on the router port."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from gamja.auth.tokens import TokenService
from gamja.logs import configure_logging
from gamja.registry.factory import open_registry
from gamja.runner import serve_app
from gamja.settings import Settings
from router.discovery.loop import Discovery, DiscoveryPolicy
from router.execution.breaker import BreakerPolicy
from router.execution.policy import FetchPolicy
from router.server.access import token_access
from router.server.bootstrap import RouterCore
from router.server.config import FrontDoorConfig
from router.subscriptions.auth import token_verifier
from router.subscriptions.limits import SubscriptionLimits
from router.telemetry import Telemetry
from router.telemetry.context import RequestIdLogFilter

__all__ = ["fetch_policy", "serve_router"]

log = logging.getLogger("router")

FIRST_COMPOSITION_WAIT_SECONDS = 30.0


async def serve_router(settings: Settings, names: list[str], *, port: int | None = None) -> None:
    """Discover the subgraphs called `names` in the registry, compose them live, and serve the supergraph."""
    configure_logging("router", settings.log_level)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RequestIdLogFilter())
    tokens = TokenService.from_settings(settings)
    core = RouterCore(
        policy=fetch_policy(settings),
        telemetry=Telemetry(otlp_endpoint=settings.otlp_endpoint),
        subscription_limits=SubscriptionLimits(
            per_connection=settings.router_subscriptions_per_connection,
            per_client=settings.router_subscriptions_per_client,
            keepalive_seconds=settings.router_subscription_keepalive_seconds,
        ),
        authenticate=token_verifier(tokens),
        identify=token_access(tokens),
        config=FrontDoorConfig.from_settings(settings),
    )
    discovery = Discovery(
        open_registry(settings, names),
        names,
        core,
        DiscoveryPolicy(poll_seconds=settings.discovery_poll_seconds, wait_seconds=settings.discovery_wait_seconds),
    )
    watching = asyncio.create_task(discovery.run())
    # The router verifies tokens itself (subscriptions, @authenticated): it follows revocations as the subgraphs do.
    stop_following = asyncio.Event()
    if tokens.feed is not None:
        await tokens.feed.catch_up()
    following = asyncio.create_task(tokens.feed.run(stop_following)) if tokens.feed is not None else None
    try:
        # Listen once the first supergraph is composed (as `make run` always did), within limits: after that
        # the router serves anyway, /ready says 503 and why, and discovery keeps trying.
        loaded = asyncio.create_task(core.serving.loaded.wait())
        await asyncio.wait(
            [loaded, watching], timeout=FIRST_COMPOSITION_WAIT_SECONDS, return_when=asyncio.FIRST_COMPLETED
        )
        loaded.cancel()
        if core.serving.current is None:
            log.error("no supergraph yet (%s); serving /ready as 503 until one composes", core.serving.problem)
        app = core.app()
        await serve_app(app, host=settings.host, port=port or settings.router_port, log_level=settings.log_level)
    finally:
        watching.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watching
        stop_following.set()
        if following is not None and tokens.feed is not None:
            await following
            await tokens.feed.close()


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.subgraph_timeout_seconds,
        timeouts=dict(settings.subgraph_timeouts),
        connect_timeout=settings.subgraph_connect_timeout_seconds,
        breaker=BreakerPolicy(
            failure_threshold=settings.breaker_failure_threshold,
            open_seconds=settings.breaker_open_seconds,
            half_open_probes=settings.breaker_half_open_probes,
        ),
        dedup_queries=settings.subgraph_dedup,
        balancing=settings.subgraph_balancing,
    )
