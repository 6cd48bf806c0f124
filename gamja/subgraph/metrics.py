"""A subgraph's `/metrics` (Prometheus text): the lag of each event consumer group it runs, and the process's
own counters (the records its loops refused).

The lag is read where the consumers run, at scrape time, from the transport: the records stored on each
topic that the group has not committed yet (Kafka: end offsets against committed offsets; the local log:
the same from its tables). A group whose lag cannot be read (broker down) is reported as not readable
instead of a stale number.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Gauge, generate_latest
from starlette.requests import Request
from starlette.responses import Response

from gamja.service import ServiceRuntime

__all__ = ["metrics_endpoint"]

log = logging.getLogger(__name__)


def metrics_endpoint(runtime: ServiceRuntime) -> Callable[[Request], Awaitable[Response]]:
    async def metrics(_: Request) -> Response:
        registry = CollectorRegistry(auto_describe=True)
        lag = Gauge(
            "gamja_events_consumer_lag",
            "Records stored on a topic that the consumer group has not committed yet.",
            ["service", "group", "topic"],
            registry=registry,
        )
        readable = Gauge(
            "gamja_events_consumer_lag_readable",
            "1 when the group's lag could be read from the transport at this scrape, else 0.",
            ["service", "group"],
            registry=registry,
        )
        for consumer in runtime.consumers:
            try:
                lags = await consumer.lag()
            except Exception as exc:
                log.warning("could not read the lag of %s: %s", consumer.group_id, exc)
                readable.labels(runtime.name, consumer.group_id).set(0)
                continue
            readable.labels(runtime.name, consumer.group_id).set(1)
            for topic, value in lags.items():
                lag.labels(runtime.name, consumer.group_id, topic).set(value)
        # Then the process's own counters, e.g. gamja_events_poison_total{loop, reason} (gamja/events/poison.py).
        return Response(generate_latest(registry) + generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return metrics
