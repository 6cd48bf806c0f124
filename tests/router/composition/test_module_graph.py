"""Composition's modules form no import circle, and each merge module imports on its own in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.imports import ROOT, cycles, import_graph, module_names

MERGE_MODULES = [
    "router.composition.merge",
    "router.composition.merged",
    "router.composition.merge_types",
    "router.composition.merge_fields",
    "router.composition.merge_directives",
    "router.composition.override",
]


def test_composition_has_no_import_circle() -> None:
    # TYPE_CHECKING imports count too: a circle hidden from the interpreter still tangles the code.
    graph = {m: targets for m, targets in import_graph("router").items() if m.startswith("router.composition")}
    assert cycles(graph) == []


@pytest.mark.parametrize("module", MERGE_MODULES)
def test_each_merge_module_imports_alone(module: str) -> None:
    assert module in module_names("router")
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True, timeout=60)


def test_no_merge_module_is_big() -> None:
    for module in MERGE_MODULES:
        lines = module_names("router")[module].read_text().count("\n")
        assert lines < 600, f"{module} has {lines} lines: split it by what it merges"
