"""Benchmark of the embedded search index on a generated 100k-item Korean corpus.

    .venv/bin/python -m bench.search.run                      # SQLite FTS5 in a temporary directory
    .venv/bin/python -m bench.search.run --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/bench

Measures index build time, query p50/p95 for the issue's query mix, service-level search (highlight and
search-log write included), upsert latency and visibility, suggestions and related items, and recall and
precision against substring truth.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from bench.search.corpus import REGIONS, generate
from gamja.db import Database
from gamja.migrations import upgrade
from subgraphs.search.domain.model import ItemDocument, SearchFilter, SearchRequest, SearchSort
from subgraphs.search.domain.query import normalize_query, parse_query
from subgraphs.search.domain.tokens import normalize
from subgraphs.search.read_model.sql_index import SqlSearchIndex
from subgraphs.search.service import SPEC
from subgraphs.search.service_layer.search import SearchService

# The rules of issue 6 plus everyday queries: compounds, particles, spacing, Latin/digit splits, prefixes.
QUERY_MIX = [
    "아이폰",
    "아이폰13프로",
    "아이폰 13 프로",
    "자전거",
    "맥북에어",
    "맥북 에어",
    "rtx3080",
    "RTX 3080",
    "아이",
    "아이패드",
    "폰",
    "캠핑 의자",
    "캠핑의자",
    "닌텐도 스위치",
    "냉장고",
    "유모차",
    "에어팟",
    "갤럭시",
    "소파",
    "패딩",
    "iphone",
    "ps5",
    "책상",
    "나눔",
]
SUGGEST_PREFIXES = ["아", "아이", "아이폰", "갤", "맥북", "자전", "캠핑", "rtx", "닌", "에어", "유모", "냉장"]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Samples:
    """Wall-clock and CPU milliseconds per call. On a shared machine the wall clock includes waiting for a
    core; the CPU time (this process, the SQLite thread included) is what the call itself costs."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    async def measure(self, call: Callable[[], Awaitable[Any]]) -> Any:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = await call()
        self.wall.append((time.perf_counter() - started) * 1000)
        self.cpu.append((time.process_time() - cpu_started) * 1000)
        return result

    def summary(self) -> dict[str, float]:
        return {
            "n": len(self.wall),
            "p50_ms": round(statistics.median(self.wall), 3),
            "p95_ms": round(percentile(self.wall, 0.95), 3),
            "max_ms": round(max(self.wall), 3),
            "cpu_p50_ms": round(statistics.median(self.cpu), 3),
            "cpu_p95_ms": round(percentile(self.cpu, 0.95), 3),
        }


_BLANKS = re.compile(r"\s+")


def substring_truth(documents: list[ItemDocument], query: str) -> set[str]:
    """Items whose folded title or description contains every query word (blanks ignored on both sides)."""
    words = [_BLANKS.sub("", word) for word in normalize_query(query).split()]
    return {
        d.item_id
        for d in documents
        if all(
            w in _BLANKS.sub("", normalize(d.title)) or w in _BLANKS.sub("", normalize(d.description)) for w in words
        )
    }


def request(query: str, *, first: int, sort: SearchSort = SearchSort.RELEVANCE, **filters: Any) -> SearchRequest:
    return SearchRequest(parse_query(query), SearchFilter(**filters), sort, first, None)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file in a temporary directory")
    parser.add_argument("--rounds", type=int, default=20, help="times each query of the mix is run")
    parser.add_argument("--output", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gamja-search-bench-") as workdir:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(workdir) / 'search.db'}"
        results = await run(args, url)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.output:
        args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")


async def run(args: argparse.Namespace, url: str) -> dict[str, Any]:
    database = Database(url)
    await upgrade(SPEC.migrations[""], database)
    index = SqlSearchIndex(database)
    results: dict[str, Any] = {"items": args.items, "seed": args.seed, "backend": database.engine.dialect.name}

    started = time.perf_counter()
    documents = generate(args.items, args.seed)
    results["generate_s"] = round(time.perf_counter() - started, 2)

    started = time.perf_counter()
    for start in range(0, len(documents), 1000):
        await index.apply(documents[start : start + 1000])
    results["build_s"] = round(time.perf_counter() - started, 2)
    results["build_items_per_s"] = round(args.items / results["build_s"])

    rng = random.Random(args.seed)

    # Query latency: first page (20) with totalCount. Relevance with no filter; relevance or newest within a
    # region and status (the app's usual screen); price sorts, which must order every match by price.
    plain, filtered, by_price = Samples(), Samples(), Samples()
    for _ in range(args.rounds):
        for query in QUERY_MIX:
            await plain.measure(partial(index.search, request(query, first=20)))
            region = rng.choice(REGIONS).rsplit(" ", 1)[0]
            for sort, samples in (
                (rng.choice([SearchSort.RELEVANCE, SearchSort.NEWEST]), filtered),
                (rng.choice([SearchSort.PRICE_ASC, SearchSort.PRICE_DESC]), by_price),
            ):
                await samples.measure(
                    partial(index.search, request(query, first=20, sort=sort, region=region, status="ON_SALE"))
                )
    results["query"] = plain.summary()
    results["query_region_status"] = filtered.summary()
    results["query_price_sorted_region_status"] = by_price.summary()

    # Recall and precision against substring truth over the whole result set of each query.
    per_query: dict[str, dict[str, float]] = {}
    found_total = truth_total = hit_total = 0
    for query in QUERY_MIX:
        page = await index.search(request(query, first=args.items))
        found = {hit.item_id for hit in page.hits}
        truth = substring_truth(documents, query)
        hits = len(found & truth)
        per_query[query] = {
            "truth": len(truth),
            "found": len(found),
            "recall": round(hits / len(truth), 4) if truth else 1.0,
            "precision": round(hits / len(found), 4) if found else 1.0,
        }
        found_total += len(found)
        truth_total += len(truth)
        hit_total += hits
    results["recall"] = round(hit_total / truth_total, 4)
    results["precision"] = round(hit_total / found_total, 4)
    results["per_query"] = per_query

    # The whole use case a resolver runs: parse, search, highlight 20 hits, write the search log.
    service = SearchService(index, user_hash_key=b"bench", popular_window=timedelta(hours=24))
    service_samples = Samples()
    for _ in range(max(1, args.rounds // 4)):
        for query in QUERY_MIX:
            await service_samples.measure(
                partial(service.search, query, SearchFilter(), SearchSort.RELEVANCE, 20, None, user_id="u1")
            )
    results["service_search"] = service_samples.summary()
    flush = Samples()
    await flush.measure(service.search_log.flush)
    results["search_log_flush"] = {"entries": len(service_samples.wall), "ms": round(flush.wall[0], 3)}

    # Upsert latency, and the change is visible to the very next query.
    upserts = Samples()
    invisible = 0
    for n, document in enumerate(rng.sample(documents, 300)):
        changed = replace(document, version=document.version + 1, title=f"{document.title} 한정판{n}호")
        await upserts.measure(partial(index.apply, [changed]))
        page = await index.search(request(f"한정판{n}호", first=5))
        invisible += document.item_id not in {hit.item_id for hit in page.hits}
    results["upsert"] = upserts.summary()
    results["upserts_not_visible_on_next_query"] = invisible

    suggestions = Samples()
    for _ in range(args.rounds):
        for prefix in SUGGEST_PREFIXES:
            await suggestions.measure(partial(index.suggest, prefix, 10))
    results["suggestions"] = suggestions.summary()
    results["suggestions_example"] = {p: await index.suggest(p, 5) for p in ("아이", "맥북", "rtx")}

    related = Samples()
    for document in rng.sample(documents, 300):
        await related.measure(partial(index.related, document.item_id, 10))
    results["related"] = related.summary()

    await database.dispose()
    return results


if __name__ == "__main__":
    asyncio.run(main())
