"""`gamja reindex items` and `gamja check items` at N items: wall time and peak RSS of each command.

Fills a fresh embedded (SQLite) items write DB with N items (every tenth with two likes) straight through
SQL, then runs, as separate processes: reindex (empty read store: everything copied), check (both sides
full: zero differences expected), and reindex again (the usual case: a full store served while its
replacement is built aside). Peak RSS is the child's own `ru_maxrss` (from `os.wait4`).

    nice -n 10 .venv/bin/python bench/rebuilds/run.py --items 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

GAMJA = Path(sys.executable).with_name("gamja")
FILL_BATCH = 10_000


def fill(database: Path, count: int) -> None:
    """N items in the write DB (ids random UUIDs, as the service makes them), every tenth liked twice."""
    now = datetime(2026, 12, 3, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes it
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        for start in range(0, count, FILL_BATCH):
            items, likes = [], []
            for n in range(start, min(start + FILL_BATCH, count)):
                item_id = str(uuid.uuid4())
                items.append(
                    (item_id, f"물건 {n}", "상태 좋아요 " * 5, 1000 + n, "디지털기기", "서울 마포구 망원동", "ON_SALE",
                     str(uuid.UUID(int=n % 5000)), None, None, now, now, now, False, 1)
                )  # fmt: skip
                if n % 10 == 0:
                    likes += [(item_id, str(uuid.UUID(int=10**6 + k)), k) for k in range(2)]
            connection.executemany(f"INSERT INTO items VALUES ({', '.join('?' * 15)})", items)
            connection.executemany("INSERT INTO item_likes VALUES (?, ?, ?)", likes)
            connection.commit()
    finally:
        connection.close()


def timed(env: dict[str, str], *args: str) -> dict[str, object]:
    """Run `gamja ARGS`; its wall time, exit code, peak RSS (MiB) and last line of output."""
    started = time.monotonic()
    process = subprocess.Popen([str(GAMJA), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    assert process.stdout is not None
    output = process.stdout.read().decode().strip().splitlines()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "command": "gamja " + " ".join(args),
        "seconds": round(seconds, 1),
        "exit": process.returncode,
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "last_line": output[-1] if output else "",
    }


def run(count: int, work: Path) -> dict[str, object]:
    env = {**os.environ, "GAMJA_VAR_DIR": str(work), "GAMJA_JWT_SECRET": "bench-only-secret-" + "x" * 32}
    subprocess.run([str(GAMJA), "migrate", "items"], env=env, check=True, capture_output=True)
    started = time.monotonic()
    fill(work / "items.db", count)
    filled = time.monotonic() - started
    steps = []
    for command in (("reindex", "items"), ("check", "items"), ("reindex", "items")):
        steps.append(timed(env, *command))
        print(json.dumps(steps[-1], ensure_ascii=False), file=sys.stderr, flush=True)  # progress of a long run
    return {"items": count, "fill_seconds": round(filled, 1), "steps": steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", default="10000,100000", help="comma-separated item counts")
    parser.add_argument("--output", type=Path, help="write the results here as JSON too")
    args = parser.parse_args()
    results = []
    for count in (int(n) for n in args.items.split(",")):
        with tempfile.TemporaryDirectory(prefix="gamja-rebuilds-") as work:
            result = run(count, Path(work))
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    if args.output:
        args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
