"""The composition corpus (corpus/*.graphql), the Apollo oracle, and the equivalence used to compare them.

A corpus file holds `=== <subgraph>` sections. A section without its own `@link` gets the standard
Federation v2.11 link importing every directive the corpus uses. `# expect: CODE` says the set must
fail with that Apollo error code; without it the set must compose.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    DirectiveNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    InputValueDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    parse,
    print_ast,
)

from router.composition import SubgraphSource

CORPUS_DIR = Path(__file__).parent / "corpus"
NODE_DIR = Path(__file__).resolve().parents[2] / "node"
DEFAULT_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key", "@shareable", '
    '"@external", "@requires", "@provides", "@override", "@inaccessible", "@tag", "@interfaceObject", '
    '"@composeDirective"])\n'
)
# Arguments of join directives equal to their defaults: Apollo may print them or not.
JOIN_DEFAULTS = {("extension", "false"), ("resolvable", "true"), ("isInterfaceObject", "false")}


@dataclass(frozen=True)
class Case:
    name: str
    expect_error: str | None
    subgraphs: tuple[SubgraphSource, ...]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.name, "subgraphs": [s.__dict__ for s in self.subgraphs]}


def load_case(path: Path) -> Case:
    text = path.read_text()
    expect = re.search(r"^# expect: (\w+)", text, flags=re.M)
    parts = re.split(r"^=== (\S+)\n", text, flags=re.M)[1:]
    subgraphs = []
    for name, sdl in zip(parts[::2], parts[1::2], strict=True):
        if "@link(" not in sdl:
            sdl = DEFAULT_LINK + sdl
        subgraphs.append(SubgraphSource(name, f"http://{name}.gamja.test/graphql", sdl))
    return Case(path.stem, expect[1] if expect else None, tuple(subgraphs))


def load_corpus() -> list[Case]:
    return [load_case(p) for p in sorted(CORPUS_DIR.glob("*.graphql"))]


def require_node() -> None:
    """Skip locally without the npm peers; in CI their absence is a failure."""
    if shutil.which("node") and (NODE_DIR / "node_modules" / "@apollo" / "composition").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("node or tests/node/node_modules is missing: run `make test` (npm install) first")
    pytest.skip("node and the npm peers under tests/node are needed (run `make test`)")


def apollo_compose(sets: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Compose many subgraph sets with @apollo/composition in one Node process."""
    completed = subprocess.run(
        ["node", str(NODE_DIR / "compose.mjs")],
        input=json.dumps({"sets": sets}),
        capture_output=True,
        text=True,
        check=True,
        cwd=NODE_DIR,
        timeout=120,
    )
    results: dict[str, dict[str, Any]] = json.loads(completed.stdout)["results"]
    return results


def _args(directive: DirectiveNode) -> tuple[tuple[str, str], ...]:
    pairs = ((a.name.value, print_ast(a.value)) for a in directive.arguments or ())
    return tuple(sorted(p for p in pairs if p not in JOIN_DEFAULTS))


def _applications(directives: Any) -> frozenset[tuple[str, tuple[tuple[str, str], ...]]]:
    return frozenset((d.name.value, _args(d)) for d in directives or () if d.name.value != "join__graph")


def join_information(supergraph_sdl: str) -> dict[str, Any]:
    """Per schema coordinate: the kind, type and the set of directive applications (join__*, tag,
    inaccessible, deprecated...), plus the graphs and the linked specs: all a router reads."""
    info: dict[str, Any] = {}
    for definition in parse(supergraph_sdl).definitions:
        if isinstance(definition, SchemaDefinitionNode):
            info["schema"] = _applications(definition.directives)
            info["schema roots"] = frozenset((o.operation.value, o.type.name.value) for o in definition.operation_types)
            continue
        if not isinstance(definition, TypeDefinitionNode):
            continue
        name = definition.name.value
        if name == "join__Graph":
            assert isinstance(definition, EnumTypeDefinitionNode)
            info[name] = frozenset((v.name.value, _args(v.directives[0])) for v in definition.values or ())
            continue
        interfaces = frozenset(i.name.value for i in getattr(definition, "interfaces", None) or ())
        members = frozenset(m.name.value for m in getattr(definition, "types", None) or ())
        info[name] = (type(definition).__name__, _applications(definition.directives), interfaces, members)
        for child in (getattr(definition, "fields", None) or ()) + (getattr(definition, "values", None) or ()):
            coordinate = f"{name}.{child.name.value}"
            child_type = (
                print_ast(child.type) if isinstance(child, FieldDefinitionNode | InputValueDefinitionNode) else ""
            )
            default = getattr(child, "default_value", None)
            info[coordinate] = (child_type, print_ast(default) if default else None, _applications(child.directives))
            for arg in getattr(child, "arguments", None) or ():
                info[f"{coordinate}({arg.name.value}:)"] = (
                    print_ast(arg.type),
                    print_ast(arg.default_value) if arg.default_value else None,
                    _applications(arg.directives),
                )
    return info


def normalised_schema(sdl: str) -> list[str]:
    """A printed schema as sorted definitions with sorted fields, so order does not matter."""
    blocks = []
    for definition in parse(sdl).definitions:
        text = print_ast(definition)
        head, _, body = text.partition("{")
        if isinstance(definition, ObjectTypeDefinitionNode) or body:
            lines = sorted(line.strip() for line in body.rstrip("}").split("\n") if line.strip())
            text = head + "{" + "\n".join(lines) + "}"
        blocks.append(text)
    return sorted(blocks)
