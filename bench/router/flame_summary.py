"""Summarise a py-spy raw profile (`py-spy record -f raw`) by where the router's time goes.

usage: python bench/router/flame_summary.py PROFILE.txt
Each sample is charged to the innermost frame that belongs to a known component (the router's own
modules, JSON, the HTTP client, the HTTP server, asyncio), so the shares add up to 100 %.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# (component, pattern on a frame's file), innermost match wins; order matters only for overlaps.
COMPONENTS = [
    ("JSON encode/decode (json, orjson)", r"/json/|orjson"),
    (
        "response projection (execution/projection.py, compiled_projection.py)",
        r"router/execution/(compiled_)?projection",
    ),
    ("entity representations (execution/representations.py)", r"router/execution/representations"),
    ("entity merge (execution/merge.py)", r"router/execution/merge"),
    ("executor, fetcher, dedup, breaker (rest of execution/)", r"router/execution/"),
    ("server pipeline (router/server)", r"/router/server/"),
    ("graphql-core (parse, validate, serialise)", r"/graphql/"),
    ("aiohttp client", r"/aiohttp/|/yarl/|/multidict/|/propcache/"),
    ("HTTP server (uvicorn, h11, httptools, starlette)", r"/uvicorn/|/h11/|/httptools/|/starlette/"),
    ("event loop (asyncio, uvloop, selectors)", r"/asyncio/|uvloop|/selectors"),
    ("OpenTelemetry / Prometheus", r"opentelemetry|prometheus|/router/telemetry/"),
]
_COMPILED = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]
_IDLE = re.compile(r"\b(select|poll|epoll_wait|run_forever|_run_once)\b")


def classify(stack: list[str]) -> str:
    leaf = stack[-1] if stack else ""
    if _IDLE.search(leaf.split(" (")[0]) and "select" in leaf:
        return "idle (waiting in select/epoll)"
    for frame in reversed(stack):
        where = "/" + frame[frame.rfind("(") + 1 :]  # "func (package/module.py:line)"
        for name, pattern in _COMPILED:
            if pattern.search(where):
                return name
    return "other"


def summarise(path: Path) -> Counter[str]:
    shares: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack_text, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        shares[classify(stack_text.split(";"))] += int(count)
    return shares


def main() -> None:
    shares = summarise(Path(sys.argv[1]))
    total = sum(shares.values())
    print(f"| where ({total} samples) | share |")
    print("|---|---|")
    for name, count in shares.most_common():
        print(f"| {name} | {100 * count / total:.0f} % |")


if __name__ == "__main__":
    main()
