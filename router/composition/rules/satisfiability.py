"""Every field a client can query must be reachable: from the subgraph that returned its parent object,
either that subgraph resolves it or a `@key` lets the router move to one that does.

A conservative subset of Apollo's satisfiability check: fields of abstract types, fields that an
`@interfaceObject` provides and conditions of `@requires` are taken as satisfiable.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..fieldset import resolve_field_set
from ..results import CompositionError

if TYPE_CHECKING:
    from ..merge import Merged
    from ..model import MergedField, MergedType

ROOTS = ("Query", "Mutation", "Subscription")


def _printed_query(path: list[str]) -> str:
    """`["me", "age"]` as an indented GraphQL query, like Apollo shows it."""
    lines = ["{"]
    for depth, name in enumerate(path, start=1):
        lines.append("  " * depth + name + (" {" if depth < len(path) else ""))
    lines += ["  " * depth + "}" for depth in range(len(path) - 1, -1, -1)]
    return "\n".join(lines)


class _Checker:
    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.hidden = {t.name for t in merged.types.values() if t.is_inaccessible()}

    def resolves(self, i: int, f: MergedField) -> bool:
        source = f.sources.get(i)
        if source is None or (i in f.overridden and i not in f.override_labels):
            return False
        return not self.m.metas[i].is_fully_external(source)

    def can_jump(self, type_name: str, origin: int, target: int) -> str | None:
        """None when the router can move from `origin` to `target` for `type_name`, else why not."""
        target_type = self.m.subgraphs[target].types.get(type_name)
        if target_type is None or not target_type.keys:
            return f'type "{type_name}" has no @key defined in subgraph "{self.m.subgraphs[target].name}"'
        resolvable = [k for k in target_type.keys if k.resolvable]
        if not resolvable:
            return (
                f'none of the @key defined on type "{type_name}" in subgraph "{self.m.subgraphs[target].name}" are '
                'resolvable (they are all declared with their "resolvable" argument set to false)'
            )
        origin_graph = self.m.subgraphs[origin]
        for key in resolvable:
            resolved = resolve_field_set(origin_graph, type_name, key.fields)
            if not resolved.problems and not any(self.m.metas[origin].is_fully_external(f) for f in resolved.selected):
                return None
        keys = ", ".join(f'@key(fields: "{k.fields}")' for k in resolvable)
        return (
            f'none of the keys of "{type_name}" in subgraph "{self.m.subgraphs[target].name}" ({keys}) can be '
            f'provided by subgraph "{origin_graph.name}"'
        )

    def reachable(self, type_name: str, origin: int) -> set[int]:
        seen, queue = {origin}, deque([origin])
        while queue:
            current = queue.popleft()
            for target, s in enumerate(self.m.subgraphs):
                if target not in seen and type_name in s.types and self.can_jump(type_name, current, target) is None:
                    seen.add(target)
                    queue.append(target)
        return seen

    def object_types(self, type_name: str, subgraph: int) -> list[str]:
        """The concrete object types a field of type `type_name` may return from `subgraph`."""
        s = self.m.subgraphs[subgraph]
        t = s.types.get(type_name)
        if t is None or t.interface_object:
            return []
        if t.kind == "object":
            return [type_name]
        if t.kind == "union":
            return [m for m in t.members if m in s.types]
        if t.kind == "interface":
            return [impl.name for impl in s.implementations(type_name)]
        return []

    def check(self) -> Iterator[CompositionError]:
        seen: set[tuple[str, int]] = set()
        reported: set[str] = set()
        queue: deque[tuple[str, int, list[str]]] = deque()
        for root in ROOTS:
            root_type = self.m.types.get(root)
            if root_type is None:
                continue
            for f in root_type.fields.values():
                for i in f.sources:
                    if self.resolves(i, f):
                        self.enqueue(f, i, [f.name], queue, seen)
        while queue:
            type_name, origin, path = queue.popleft()
            t = self.m.types[type_name]
            reachable = self.reachable(type_name, origin)
            for f in t.fields.values():
                if type_name in self.hidden or any(d.name == "inaccessible" for d in f.directives):
                    continue
                resolving = [i for i in sorted(reachable) if self.resolves(i, f)]
                if not resolving:
                    if f.coordinate not in reported and not self.abstracted(t, f):
                        reported.add(f.coordinate)
                        yield self.error(t, f, origin, path)
                    continue
                for i in resolving:
                    self.enqueue(f, i, [*path, f.name], queue, seen)

    def abstracted(self, t: MergedType, f: MergedField) -> bool:
        """Fields an `@interfaceObject` adds to `t`'s interfaces, or any bare `@join__field`."""
        return any(j.graph is None for j in f.joins) or any(
            s.types.get(i) is not None and s.types[i].interface_object for s in self.m.subgraphs for i in t.interfaces
        )

    def enqueue(
        self, f: MergedField, subgraph: int, path: list[str], queue: deque[tuple[str, int, list[str]]],
        seen: set[tuple[str, int]],
    ) -> None:  # fmt: skip
        assert f.type is not None
        base = self.m.types.get(f.type.base)
        if base is None or base.kind not in ("object", "interface", "union"):
            return
        for object_type in self.object_types(base.name, subgraph):
            if (object_type, subgraph) not in seen and object_type in self.m.types:
                seen.add((object_type, subgraph))
                queue.append((object_type, subgraph, path))

    def error(self, t: MergedType, f: MergedField, origin: int, path: list[str]) -> CompositionError:
        origin_name = self.m.subgraphs[origin].name
        reasons = [f'cannot find field "{f.coordinate}".']
        having = [i for i in f.sources if self.resolves(i, f)]
        for i in having:
            why = self.can_jump(t.name, origin, i) or "it cannot be reached through the subgraphs in between"
            reasons.append(f'cannot move to subgraph "{self.m.subgraphs[i].name}", which has field "{f.coordinate}", '
                           f"because {why}.")  # fmt: skip
        return CompositionError(
            "SATISFIABILITY_ERROR",
            "The following supergraph API query:\n"
            + _printed_query([*path, f.name])
            + "\ncannot be satisfied by the subgraphs because:\n"
            + f'- from subgraph "{origin_name}":\n'
            + "".join(f"  - {r}\n" for r in reasons)
            + f'Add a resolvable @key to "{t.name}" in a subgraph that has "{f.name}" (with fields subgraph '
            f'"{origin_name}" can provide), or resolve "{f.name}" in subgraph "{origin_name}" too.',
            tuple(sorted({origin_name, *(self.m.subgraphs[i].name for i in having)})),
            f.coordinate,
        )


def check_satisfiability(merged: Merged) -> Iterator[CompositionError]:
    yield from _Checker(merged).check()
