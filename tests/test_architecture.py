"""ARCHITECTURE.md stays true: every path it names exists, and the import boundaries it states hold."""

from __future__ import annotations

import re

import pytest

from tests.support.imports import ROOT, import_graph

MAP = ROOT / "ARCHITECTURE.md"
PATH_SUFFIXES = (".py", ".md", ".toml", ".graphql", ".yml")
SKIPPED_DIRS = {".venv", "node_modules", ".git"}

# (importer prefix, forbidden import prefixes): the "must not import" lines of the codemap.
BOUNDARIES = [
    ("gamja", ("router", "subgraphs")),
    ("router", ("subgraphs",)),
    ("router.composition", ("gamja", "router.supergraph", "router.planning", "router.execution", "router.server")),
    ("router.supergraph", ("gamja", "router.composition", "router.planning", "router.execution", "router.server")),
    ("router.planning", ("gamja", "router.composition", "router.execution", "router.server", "router.telemetry")),
    ("router.execution", ("router.composition", "router.server", "router.telemetry")),
    ("router.server", ("router.composition",)),
]


def named_paths() -> list[str]:
    """Backticked words of the map that are paths: they hold a `/` or end like a source file."""
    found = []
    for word in re.findall(r"`([^`\s]+)`", MAP.read_text()):
        if word.startswith("@") or "<" in word:
            continue  # npm package names, placeholders
        if "/" in word or word.endswith(PATH_SUFFIXES):
            found.append(word)
    return found


def exists(word: str) -> bool:
    path = word.rstrip("/")
    if (ROOT / path).exists():
        return True
    if "/" in path:
        return False
    # A bare name (`fetcher.py` under `router/execution/`, a room's `domain/`) must exist somewhere in the tree.
    return any(not SKIPPED_DIRS & set(p.parts) for p in ROOT.rglob(path))


def test_the_map_names_paths() -> None:
    assert len(named_paths()) > 30


@pytest.mark.parametrize("word", named_paths())
def test_every_path_the_map_names_exists(word: str) -> None:
    assert exists(word), f"ARCHITECTURE.md names `{word}`, which does not exist"


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_the_import_boundaries_of_the_map_hold() -> None:
    graph = import_graph("gamja", "router", "subgraphs")
    broken = []
    for module, targets in graph.items():
        for importer, forbidden in BOUNDARIES:
            if _within(module, importer):
                broken += [f"{module} imports {t}" for t in targets if any(_within(t, f) for f in forbidden)]
        if _within(module, "subgraphs") and module.count(".") >= 1:
            room = ".".join(module.split(".")[:2])
            broken += [
                f"{module} imports {t}"
                for t in targets
                if _within(t, "router") or (_within(t, "subgraphs") and t != "subgraphs" and not _within(t, room))
            ]
    assert broken == []


def test_the_boundary_check_sees_imports() -> None:
    # Guards the check itself: the graph has the edges every boundary is drawn between.
    graph = import_graph("gamja", "router", "subgraphs")
    assert any(_within(t, "router.supergraph") for t in graph["router.planning.planner"])
    assert any(_within(t, "gamja") for t in graph["subgraphs.items.bootstrap"])
