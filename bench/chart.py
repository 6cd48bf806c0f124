"""Draw the gateway comparison of bench/gateways/run.py (its --json output) as a PNG.

usage: .venv/bin/python bench/chart.py RESULTS.json [OUT.png]      (pip install -e '.[bench]')
Two panels from one run: requests/s (higher is better) and CPU ms per request (lower is better).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

LABELS = {
    "ours": "gamja router",
    "apollo": "@apollo/gateway",
    "hive": "@graphql-hive/gateway",
    "hive-router-runtime": "Hive Gateway +\nRust planner",
}


def draw(results: dict[str, object], out: Path) -> None:
    gateways: dict[str, dict[str, float]] = results["gateways"]  # type: ignore[assignment]
    names = list(gateways)
    labels = [LABELS.get(n, n) for n in names]
    colours = ["#e8a33d" if n == "ours" else "#7d8ea8" for n in names]
    figure, (rps_axis, cpu_axis) = plt.subplots(1, 2, figsize=(11, 4.2))
    for axis, metric, title in (
        (rps_axis, "rps", "requests/s (higher is better)"),
        (cpu_axis, "cpu_ms", "CPU ms per request (lower is better)"),
    ):
        values = [gateways[n][metric] for n in names]
        bars = axis.bar(labels, values, color=colours)
        axis.bar_label(bars, labels=[f"{v:.0f}" if metric == "rps" else f"{v:.1f}" for v in values])
        axis.set_title(title)
        axis.tick_params(axis="x", labelsize=8)
        axis.spines[["top", "right"]].set_visible(False)
    figure.suptitle(
        f"Gateways benchmark TestQuery ({results['response_bytes']:,} B response), concurrency "
        f"{results['concurrency']}, each gateway pinned to one core\n{results['machine']}, {results['date']}, "
        f"load average {results['load_average'][0]:.1f}",  # type: ignore[index]
        fontsize=9,
    )
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def main() -> None:
    results = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name("gateways.png")
    draw(results, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
