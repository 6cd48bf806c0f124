"""The project's import graph, read from the source (every import statement, `TYPE_CHECKING` ones included)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ROOT", "cycles", "import_graph", "module_names"]

ROOT = Path(__file__).resolve().parents[2]


def module_names(package: str) -> dict[str, Path]:
    """`router.composition.merge` → its file, for every module under the top-level package."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> Iterator[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # `from package import module` imports that module too.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(*packages: str) -> dict[str, set[str]]:
    """Module → the project modules it imports (only modules of `packages` appear, as sources and targets)."""
    modules: dict[str, Path] = {}
    for package in packages:
        modules |= module_names(package)
    return {
        module: {name for name in _imports(module, path) if name in modules} - {module}
        for module, path in modules.items()
    }


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    pending = list(graph.get(start, ()))
    while pending:
        node = pending.pop()
        if node not in seen:
            seen.add(node)
            pending.extend(graph.get(node, ()))
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other, directly or through others (sorted, smallest name first)."""
    reach = {node: _reachable(graph, node) for node in graph}
    found: list[list[str]] = []
    placed: set[str] = set()
    for node in sorted(graph):
        if node in placed or node not in reach[node]:
            continue
        group = sorted(other for other in reach[node] if node in reach[other])
        placed.update(group)
        found.append(group)
    return found
