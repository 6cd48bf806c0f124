"""A subgraph's `/metrics` reports the lag of the consumer groups it runs, read from the events transport."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.items.conftest import Items


async def lag_metrics(items: Items) -> dict[tuple[str, ...], float]:
    response = await items.client.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, *sorted(sample.labels.values())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


async def test_the_read_store_projector_lag_rises_with_published_events_and_falls_when_applied(items: Items) -> None:
    series = ("gamja_events_consumer_lag", "items", "items-read-store", "items.events")
    readable = ("gamja_events_consumer_lag_readable", "items", "items-read-store")
    assert (await lag_metrics(items))[series] == 0
    for n in range(3):
        await items.create(title=f"물건 {n}")
    await items.services.relay.drain()  # published, not yet projected
    metrics = await lag_metrics(items)
    assert metrics[series] == 3 and metrics[readable] == 1
    await items.settle()
    assert (await lag_metrics(items))[series] == 0
