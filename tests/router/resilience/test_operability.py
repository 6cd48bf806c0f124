"""What an operator sees: /health (alive), /ready (serving, and each subgraph's state), /metrics,
a span per request and per subgraph fetch with W3C trace context sent on, and one access-log line."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from router.execution.breaker import BreakerPolicy
from router.execution.policy import FetchPolicy
from router.server.bootstrap import RouterCore
from router.telemetry import Telemetry
from tests.router.resilience.live_subgraphs import router_over
from tests.router.resilience.test_failure_isolation import TOP, products, reviews
from tests.support.graphql import serve_in_process

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_ready_is_503_until_a_supergraph_is_loaded_while_health_stays_ok() -> None:
    core = RouterCore()
    async with serve_in_process(core.app()) as client:
        assert (await client.http.get("/health")).json() == {"status": "ok"}
        response = await client.http.get("/ready")
        assert response.status_code == 503
        assert response.json()["supergraph"]["loaded"] is False
        graphql = await client.http.post("/graphql", json={"query": "{ __typename }"})
        assert graphql.status_code == 503
        assert graphql.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


async def test_ready_lists_each_subgraph_with_reachability_breaker_and_instances() -> None:
    down = reviews()
    spare = reviews()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=60))
    async with router_over([products(), down], policy, replicas={"reviews": [down, spare]}) as router:
        await down.stop()
        await spare.stop()
        await router.execute(TOP)  # the first replica fails, the retry meets the second: both cut off
        response = await router.http.get("/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert sorted(body["supergraph"]["subgraphs"]) == ["products", "reviews"]
    assert body["subgraphs"] == {
        "products": {"reachable": True, "breaker": "closed", "instances": 1, "available": 1},
        "reviews": {"reachable": False, "breaker": "open", "instances": 2, "available": 0},
    }


async def test_metrics_count_requests_fetches_errors_breakers_plan_cache_and_dedup() -> None:
    slow_reviews = reviews()
    slow_reviews.delay = 0.2
    async with router_over([products(), slow_reviews], FetchPolicy(timeout=5)) as router:
        await asyncio.gather(*(router.execute(TOP) for _ in range(3)))  # identical: one reviews fetch shared by 3
        await router.execute("mutation { nothing }")  # does not validate
        response = await router.http.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)
    assert found[("gamja_router_requests_total", (("operation_type", "query"), ("outcome", "partial")))] == 3
    assert found[("gamja_router_requests_total", (("operation_type", "unknown"), ("outcome", "error")))] == 1
    assert found[("gamja_router_request_duration_seconds_count", (("operation_type", "query"),))] == 3
    assert found[("gamja_router_subgraph_fetches_total", (("outcome", "ok"), ("subgraph", "reviews")))] == 3
    assert found[("gamja_router_subgraph_dedup_hits_total", (("subgraph", "reviews"),))] == 2
    assert (
        found[("gamja_router_subgraph_errors_total", (("code", "INTERNAL_SERVER_ERROR"), ("subgraph", "reviews")))] == 3
    )
    assert found[("gamja_router_subgraph_breaker_state", (("subgraph", "reviews"),))] == 0
    assert found[("gamja_router_subgraph_instances", (("subgraph", "products"),))] == 1
    assert found[("gamja_router_plan_cache_lookups_total", (("result", "hit"),))] == 2
    assert found[("gamja_router_plan_cache_lookups_total", (("result", "miss"),))] == 1
    assert found[("gamja_router_supergraph_loaded", ())] == 1


async def test_metrics_show_an_open_breaker_and_failed_fetches() -> None:
    down = reviews()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=60))
    async with router_over([products(), down], policy) as router:
        await down.stop()
        await router.execute(TOP)
        await router.execute(TOP)
        found = samples((await router.http.get("/metrics")).text)
    assert found[("gamja_router_subgraph_breaker_state", (("subgraph", "reviews"),))] == 2
    assert (
        found[("gamja_router_subgraph_fetches_total", (("outcome", "SUBGRAPH_UNREACHABLE"), ("subgraph", "reviews")))]
        == 1
    )
    assert (
        found[("gamja_router_subgraph_fetches_total", (("outcome", "SUBGRAPH_CIRCUIT_OPEN"), ("subgraph", "reviews")))]
        == 1
    )


async def test_spans_continue_the_callers_trace_and_subgraphs_get_traceparent_and_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exporter = InMemorySpanExporter()
    shop, opinions = products(), reviews()
    async with router_over(
        [shop, opinions], FetchPolicy(timeout=5), telemetry=Telemetry(span_exporter=exporter)
    ) as router:
        with caplog.at_level(logging.INFO, logger="router.access"):
            response = await router.http.post(
                "/graphql",
                json={"query": "query Top " + TOP},
                headers={"traceparent": TRACEPARENT, "x-request-id": "req-42"},
            )
    assert response.headers["x-request-id"] == "req-42"
    spans = {span.name: span for span in exporter.get_finished_spans()}
    request_span = spans["POST /graphql"]
    assert format(request_span.context.trace_id, "032x") == "0af7651916cd43dd8448eb211c80319c"
    assert request_span.parent is not None and format(request_span.parent.span_id, "016x") == "b7ad6b7169203331"
    assert request_span.attributes["graphql.operation.name"] == "Top"
    for name, subgraph in (("products", shop), ("reviews", opinions)):
        fetch_span = spans[f"subgraph {name}"]
        assert fetch_span.parent is not None and fetch_span.parent.span_id == request_span.context.span_id
        [seen] = subgraph.seen
        version, trace_id, span_id, _ = seen.headers["traceparent"].split("-")
        assert (version, trace_id) == ("00", "0af7651916cd43dd8448eb211c80319c")
        assert span_id == format(fetch_span.context.span_id, "016x")
        assert seen.headers["x-request-id"] == "req-42"
    [line] = [r for r in caplog.records if r.name == "router.access"]
    assert line.__dict__["request_id"] == "req-42"
    assert line.__dict__["trace_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert line.__dict__["operation_type"] == "query"
    assert line.__dict__["operation_name"] == "Top"
    assert line.__dict__["outcome"] == "partial"
    assert line.__dict__["status"] == 200
    json.dumps(line.__dict__["error_codes"])


async def test_without_an_exporter_subgraphs_still_get_the_callers_trace(caplog: pytest.LogCaptureFixture) -> None:
    # No exporter: spans are bare ids (nothing records them), but the trace goes on all the same.
    shop, opinions = products(), reviews()
    async with router_over([shop, opinions], FetchPolicy(timeout=5)) as router:
        with caplog.at_level(logging.INFO, logger="router.access"):
            await router.http.post(
                "/graphql", json={"query": TOP}, headers={"traceparent": TRACEPARENT, "tracestate": "congo=t61rcWkgMzE"}
            )
    span_ids = set()
    for subgraph in (shop, opinions):
        [seen] = subgraph.seen
        version, trace_id, span_id, flags = seen.headers["traceparent"].split("-")
        assert (version, trace_id, flags) == ("00", "0af7651916cd43dd8448eb211c80319c", "01")
        assert seen.headers["tracestate"] == "congo=t61rcWkgMzE"
        span_ids.add(span_id)
    assert len(span_ids) == 2 and "b7ad6b7169203331" not in span_ids  # one new span id per fetch
    [line] = [r for r in caplog.records if r.name == "router.access"]
    assert line.__dict__["trace_id"] == "0af7651916cd43dd8448eb211c80319c"


async def test_a_request_without_ids_gets_new_ones_and_a_forged_id_is_replaced() -> None:
    shop = products()
    async with router_over([shop], FetchPolicy(timeout=5)) as router:
        first = await router.http.post("/graphql", json={"query": "{ topProducts { name } }"})
        second = await router.http.post(
            "/graphql", json={"query": "{ topProducts { id } }"}, headers={"x-request-id": "evil\nline"}
        )
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert all(len(i) == 32 for i in ids) and ids[0] != ids[1]
    assert [seen.headers["x-request-id"] for seen in shop.seen] == ids
    trace_ids = {seen.headers["traceparent"].split("-")[1] for seen in shop.seen}
    assert len(trace_ids) == 2  # each request starts its own trace
