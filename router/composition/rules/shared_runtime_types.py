"""A shared field returning an interface or union must have runtime types in common across the
subgraphs that may serve it at once (an error otherwise), and gets a hint when their sets differ.

Query paths are walked with every subgraph that may be serving each of them at once, as Apollo's
validation state does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..query_paths import ROOTS, QueryPaths, printed_query, type_list
from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged
    from ..model import MergedField


class _SharedFields(QueryPaths):
    def __init__(self, merged: Merged) -> None:
        super().__init__(merged)
        self.hinted: set[str] = set()

    def check_shared_fields(self) -> Iterator[CompositionError]:
        """Walk the query paths with every subgraph that may be serving each one at once, as Apollo's
        validation state does, to compare the runtime types of shared abstract fields."""
        seen: set[tuple[str, frozenset[int]]] = set()
        queue: deque[tuple[str, frozenset[int], list[str]]] = deque()
        for root in ROOTS:
            root_type = self.m.types.get(root)
            for f in root_type.fields.values() if root_type is not None else ():
                yield from self.visit_shared(f, [i for i in f.sources if self.resolves(i, f)], [], queue, seen)
        while queue:
            type_name, origins, path = queue.popleft()
            for f in self.m.types[type_name].fields.values():
                if any(j.graph is None for j in f.joins) or any(d.name == "inaccessible" for d in f.directives):
                    continue
                usable: set[int] = set()
                for o in origins:
                    direct = self.resolves(o, f)
                    usable.update([o] if direct else (j for j in self.reachable(type_name, o) if self.resolves(j, f)))
                yield from self.visit_shared(f, sorted(usable), path, queue, seen)

    def visit_shared(
        self, f: MergedField, usable: list[int], path: list[str],
        queue: deque[tuple[str, frozenset[int], list[str]]], seen: set[tuple[str, frozenset[int]]],
    ) -> Iterator[CompositionError]:  # fmt: skip
        if (mismatch := self.shared_runtime_types(f, usable, path)) is not None:
            yield mismatch
            return
        assert f.type is not None
        base = self.m.types.get(f.type.base)
        if base is None or base.kind not in ("object", "interface", "union"):
            return
        serving: dict[str, set[int]] = {}
        for i in usable:
            for object_type in self.object_types(base.name, i):
                serving.setdefault(object_type, set()).add(i)
        for object_type, subgraphs in serving.items():
            key = (object_type, frozenset(subgraphs))
            if key not in seen and object_type in self.m.types:
                seen.add(key)
                at = [*path, self.witness(f)] + ([f"... on {object_type}"] if object_type != base.name else [])
                queue.append((object_type, frozenset(subgraphs), at))

    def shared_runtime_types(self, f: MergedField, usable: list[int], path: list[str]) -> CompositionError | None:
        """A shared field returning an abstract type must share runtime types across the subgraphs that
        may resolve it at this point: none in common is an error, different sets a hint (once per field)."""
        assert f.type is not None
        base = self.m.types.get(f.type.base)
        if len(usable) < 2 or base is None or base.kind not in ("interface", "union"):
            return None
        everywhere = sorted(n for n, t in self.m.types.items() if n in base.members or base.name in t.interfaces)
        per_subgraph = {i: sorted(self.object_types(base.name, i)) for i in usable}
        per_subgraph = {i: ts for i, ts in per_subgraph.items() if not (len(ts) == 1 and ts[0] not in everywhere)}
        if all(not ts for ts in per_subgraph.values()):
            return None
        common = [n for n in everywhere if all(n in ts for ts in per_subgraph.values())]
        query = printed_query([*path, self.witness(f), "..."])
        if not common:
            by_types: dict[str, list[int]] = {}
            for i, ts in per_subgraph.items():
                by_types.setdefault(type_list(ts) if ts else "no runtime type is defined", []).append(i)
            listed = ";\n".join(f" - in {self.m.names(ix)}, {ts}" for ts, ix in by_types.items())
            return CompositionError(
                "SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES",
                f'For the following supergraph API query:\n{query}\nShared field "{f.coordinate}" return type '
                f'"{f.type}" has a non-intersecting set of possible runtime types across subgraphs. Runtime types in '
                f"subgraphs are:\n{listed}.\nThis is not allowed as shared fields must resolve the same way in all "
                "subgraphs, and that implies at least some common runtime types between the subgraphs. Make the "
                "subgraphs agree on at least one possible type.",
                tuple(self.m.subgraphs[i].name for i in per_subgraph),
                f.coordinate,
            )
        if len({tuple(ts) for ts in per_subgraph.values()}) > 1 and f.coordinate not in self.hinted:
            self.hinted.add(f.coordinate)
            extra = ";\n".join(
                f' - subgraph "{self.m.subgraphs[i].name}" should never resolve "{f.coordinate}" to an object of '
                + type_list([n for n in ts if n not in common])
                for i, ts in per_subgraph.items()
                if any(n not in common for n in ts)
            )
            self.m.hint(
                "INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN",
                f'For the following supergraph API query:\n{query}\nShared field "{f.coordinate}" return type '
                f'"{f.type}" has different sets of possible runtime types across subgraphs.\nSince a shared field '
                f"must be resolved the same way in all subgraphs, make sure that {self.m.names(list(per_subgraph))} "
                f'only resolve "{f.coordinate}" to objects of {type_list(common)}. In particular:\n{extra}.\n'
                "Otherwise the @shareable contract will be broken.",
                f.coordinate,
            )
        return None


def check_shared_runtime_types(merged: Merged) -> Iterator[CompositionError]:
    yield from _SharedFields(merged).check_shared_fields()
