"""Run the fault suite once and keep what it printed: `.venv/bin/python bench/faults/run.py [--out DIR]`.

Runs `pytest -q -s -rA tests/faults` under `nice -n 10` with GAMJA_FAULTS_LOG_DIR (every child's log is kept),
saves pytest's whole output, and writes `figures.md`: one row per test from the JSON figures each test prints
(`report()` in tests/faults/test_faults.py), then pytest's summary lines. The suite takes 5-15 minutes and loads
the machine: run it alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["figures_in", "main", "markdown"]

ROOT = Path(__file__).resolve().parents[2]


def figures_in(output: str) -> list[dict[str, Any]]:
    """Every JSON object of the output that has a "fault" key, in order (each test prints one, indented)."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    index = output.find("{")
    while index != -1:
        try:
            value, end = decoder.raw_decode(output, index)
        except json.JSONDecodeError:
            index = output.find("{", index + 1)
            continue
        if isinstance(value, dict) and "fault" in value:
            found.append(value)
        index = output.find("{", end)
    return found


def _cell(value: object, limit: int = 300) -> str:
    text = _text(value)
    # The notes quote whole answers (e.g. each `data: null` one): enough of them to recognise, the rest in pytest.txt.
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_text(item)}" for key, item in value.items()) or "-"
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value) or "none"
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(figures: list[dict[str, Any]], summary: list[str]) -> str:
    columns = ["fault", "load_seconds", "served", "errors", "errors_by", "in_flight_at_fault", "recovery"]
    columns += ["settle_seconds", "problems", "checks", "notes"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for figure in figures:
        row = dict(figure)
        # Each check as "service: exit code": its output is the "N difference(s)" line.
        row["checks"] = {name: f"{code} ({output})" for name, (code, output) in figure.get("checks", {}).items()}
        lines.append("| " + " | ".join(_cell(row.get(column, "")) for column in columns) + " |")
    return "\n".join([*lines, "", "```", *summary, "```", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="where to write (default var/faults/<UTC time>)")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments, e.g. -k broker_restart")
    args = parser.parse_args()
    out = (args.out or ROOT / "var" / "faults" / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())).resolve()
    logs = out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    command = ["nice", "-n", "10", sys.executable, "-m", "pytest", "-q", "-s", "-rA", "tests/faults"]
    started = time.monotonic()
    completed = subprocess.run(
        [*command, *args.pytest_args],
        cwd=ROOT,
        env={**os.environ, "GAMJA_FAULTS_LOG_DIR": str(logs)},
        capture_output=True,
        text=True,
        check=False,
    )
    output = completed.stdout + completed.stderr
    (out / "pytest.txt").write_text(output)
    summary = [
        line for line in completed.stdout.splitlines() if line.startswith(("PASSED", "FAILED", "XFAIL", "XPASS"))
    ]
    summary += completed.stdout.strip().splitlines()[-1:]
    table = markdown(figures_in(completed.stdout), summary)
    header = f"# Fault suite, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
    header += (
        f"`{' '.join(command + args.pytest_args)}`: exit {completed.returncode}, {time.monotonic() - started:.0f} s\n\n"
    )
    (out / "figures.md").write_text(header + table)
    print(header + table)
    print(f"written to {out}")
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
