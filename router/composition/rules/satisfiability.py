"""Every field a client can query must be reachable: from the subgraph that returned its parent object,
either that subgraph resolves it or a `@key` lets the router move to one that does.

A `@requires` adds its own condition: from the subgraph with the field, the router must be able to
fetch the required fields. A field that only an `@interfaceObject` resolves is reachable when the
router can move to that subgraph with one of the interface object's keys.

An `@external` field is resolved only where a `@provides` on the query path says so.

An `@interfaceObject` returned by a field leads, through its keys, to the implementations in
subgraphs defining the interface.

A conservative subset of Apollo's satisfiability check: `@requires` inside `@requires` conditions
are taken as satisfiable, and a path is reported once per field.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode, print_ast

from ..query_paths import ROOTS, QueryPaths, parse_selection_set, printed_query
from ..results import CompositionError

if TYPE_CHECKING:
    from ..merge import Merged
    from ..model import MergedField, MergedType
    from ..subgraph import TypeDef


class _Position(NamedTuple):
    """An object type reached in a subgraph by a query path, with what a @provides on it gives."""

    type_name: str
    subgraph: int
    path: list[str]
    provided: SelectionSetNode | None


def _provided(provided: SelectionSetNode | None, name: str) -> FieldNode | None:
    """The selection of field `name` in a @provides field set (inline fragments included)."""
    for selection in provided.selections if provided is not None else ():
        if isinstance(selection, FieldNode) and selection.name.value == name:
            return selection
        if isinstance(selection, InlineFragmentNode) and (found := _provided(selection.selection_set, name)):
            return found
    return None


class _Checker(QueryPaths):
    def __init__(self, merged: Merged) -> None:
        super().__init__(merged)
        self.hidden = {t.name for t in merged.types.values() if t.is_inaccessible()}

    def check(self) -> Iterator[CompositionError]:
        seen: set[tuple[str, int, str]] = set()
        reported: set[str] = set()
        queue: deque[_Position] = deque()
        for root in ROOTS:
            root_type = self.m.types.get(root)
            if root_type is None:
                continue
            for f in root_type.fields.values():
                usable = [i for i in f.sources if self.resolves(i, f)]
                for i in usable:
                    if (error := self.enqueue(f, i, [self.witness(f)], None, queue, seen)) is not None:
                        yield error
        while queue:
            type_name, origin, path, provided = queue.popleft()
            t = self.m.types[type_name]
            reachable = self.reachable(type_name, origin)
            for f in t.fields.values():
                if type_name in self.hidden or any(d.name == "inaccessible" for d in f.directives):
                    continue
                if any(j.graph is None for j in f.joins):
                    providers = self.interface_objects_resolving(t, f)
                    if f.coordinate not in reported and not self.reaches_interface_object(t, providers, reachable):
                        reported.add(f.coordinate)
                        yield self.error(t, f, origin, path, interface_objects=providers)
                    continue
                provided_field = _provided(provided, f.name)
                here = provided_field is not None
                resolving = [i for i in sorted(reachable) if self.resolves(i, f, here and i == origin)]
                usable = [i for i in resolving if self.requires_met(type_name, f, i)]
                if not usable:
                    if f.coordinate not in reported:
                        reported.add(f.coordinate)
                        yield self.error(t, f, origin, path, unmet_requires=resolving)
                    continue
                for i in usable:
                    inner = provided_field.selection_set if provided_field is not None and i == origin else None
                    if (error := self.enqueue(f, i, [*path, self.witness(f)], inner, queue, seen)) is not None:
                        yield error

    def interface_objects_resolving(self, t: MergedType, f: MergedField) -> dict[int, TypeDef]:
        """The `@interfaceObject` types, by subgraph, that resolve `f` for one of `t`'s interfaces."""
        found: dict[int, TypeDef] = {}
        for i, s in enumerate(self.m.subgraphs):
            for name in t.interfaces:
                io = s.types.get(name)
                if io is None or not io.interface_object or f.name not in io.fields:
                    continue
                if not self.m.metas[i].is_external(io.fields[f.name]):
                    found[i] = io
        return found

    def reaches_interface_object(self, t: MergedType, providers: dict[int, TypeDef], reachable: set[int]) -> bool:
        """Whether a subgraph with `t` can give a resolvable key of one of the interface objects."""
        origins = [r for r in reachable if t.name in self.m.subgraphs[r].types]
        return any(
            self.can_provide_key(r, t.name, key.fields)
            for io in providers.values()
            for key in io.keys
            if key.resolvable
            for r in origins
        )

    def requires_met(self, type_name: str, f: MergedField, subgraph: int) -> bool:
        """Whether the router can fetch what `f`'s `@requires` in `subgraph` needs, starting there."""
        source = f.sources.get(subgraph)
        if source is None or source.requires is None:
            return True
        selection_set = parse_selection_set(source.requires)
        return selection_set is None or self.can_fetch(type_name, subgraph, selection_set)

    def can_fetch(self, type_name: str, origin: int, selection_set: SelectionSetNode) -> bool:
        t = self.m.types.get(type_name)
        if t is None:
            return True
        reachable = self.reachable(type_name, origin)
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = condition.name.value if condition else type_name
                if not self.can_fetch(inner, origin, selection.selection_set):
                    return False
                continue
            if not isinstance(selection, FieldNode) or selection.name.value not in t.fields:
                continue
            mf = t.fields[selection.name.value]
            if not any(self.fetches(mf, i, selection.selection_set) for i in sorted(reachable)):
                return False
        return True

    def fetches(self, f: MergedField, subgraph: int, selection_set: SelectionSetNode | None) -> bool:
        if not self.resolves(subgraph, f):
            return False
        if selection_set is None or f.type is None:
            return True
        return all(self.can_fetch(o, subgraph, selection_set) for o in self.object_types(f.type.base, subgraph))

    def enqueue(
        self, f: MergedField, subgraph: int, path: list[str], provided: SelectionSetNode | None,
        queue: deque[_Position], seen: set[tuple[str, int, str]],
    ) -> CompositionError | None:  # fmt: skip
        """Queue the objects `f` returns from `subgraph`; `provided` is what the path's @provides
        says this subgraph gives of them, unless `f` has its own @provides. An `@interfaceObject`
        is followed to the implementations in the subgraphs its keys reach; none is an error."""
        assert f.type is not None
        base = self.m.types.get(f.type.base)
        if base is None or base.kind not in ("object", "interface", "union"):
            return None
        source = f.sources.get(subgraph)
        if source is not None and source.provides is not None:
            provided = parse_selection_set(source.provides)
        printed = print_ast(provided) if provided is not None else ""
        positions = [(o, subgraph) for o in self.object_types(base.name, subgraph)]
        returned = self.m.subgraphs[subgraph].types.get(base.name)
        if returned is not None and returned.interface_object:
            targets = self.interface_object_targets(base.name, subgraph)
            positions = [(o, j) for j in targets for o in self.object_types(base.name, j)]
            implementations = [t.name for t in self.m.types.values() if base.name in t.interfaces]
            if not targets and implementations:
                return self.interface_object_error(base.name, implementations[0], subgraph, path)
        for object_type, target in positions:
            if (object_type, target, printed) not in seen and object_type in self.m.types:
                seen.add((object_type, target, printed))
                # Below an abstract type, the example query needs a type condition to be valid.
                at = path if object_type == base.name else [*path, f"... on {object_type}"]
                queue.append(_Position(object_type, target, at, provided if target == subgraph else None))
        return None

    def interface_object_targets(self, interface: str, subgraph: int) -> list[int]:
        """Subgraphs defining `interface` as an interface that `subgraph`'s `@interfaceObject` can key into."""
        targets = []
        for j, s in enumerate(self.m.subgraphs):
            it = s.types.get(interface)
            if j == subgraph or it is None or it.kind != "interface" or it.interface_object:
                continue
            if any(k.resolvable and self.can_provide_key(subgraph, interface, k.fields) for k in it.keys):
                targets.append(j)
        return targets

    def interface_object_error(
        self, interface: str, implementation: str, subgraph: int, path: list[str]
    ) -> CompositionError:
        name = self.m.subgraphs[subgraph].name
        return CompositionError(
            "SATISFIABILITY_ERROR",
            "The following supergraph API query:\n"
            + printed_query([*path, f"... on {implementation}", "..."])
            + "\ncannot be satisfied by the subgraphs because:\n"
            + f'- from subgraph "{name}": no subgraph can be reached to resolve the implementation type of '
            f'@interfaceObject type "{interface}".\n'
            + f'Give the interface "{interface}" a resolvable @key, with fields subgraph "{name}" can provide, in '
            "a subgraph that defines its implementations.",
            (name,),
            interface,
        )

    def error(
        self,
        t: MergedType,
        f: MergedField,
        origin: int,
        path: list[str],
        unmet_requires: list[int] | None = None,
        interface_objects: dict[int, TypeDef] | None = None,
    ) -> CompositionError:
        origin_name = self.m.subgraphs[origin].name
        own = f.sources.get(origin)
        reasons = [
            f'field "{f.coordinate}" is not resolvable because marked @external.'
            if own is not None and self.m.metas[origin].is_external(own)
            else f'cannot find field "{f.coordinate}".'
        ]
        having = [i for i in f.sources if self.resolves(i, f)]
        for i in [] if unmet_requires else having:
            why = self.can_jump(t.name, origin, i) or "it cannot be reached through the subgraphs in between"
            reasons.append(f'cannot move to subgraph "{self.m.subgraphs[i].name}", which has field "{f.coordinate}", '
                           f"because {why}.")  # fmt: skip
        text = f'- from subgraph "{origin_name}":\n' + "".join(f"  - {r}\n" for r in reasons)
        fix = (
            f'Add a resolvable @key to "{t.name}" in a subgraph that has "{f.name}" (with fields subgraph '
            f'"{origin_name}" can provide), or resolve "{f.name}" in subgraph "{origin_name}" too.'
        )
        if interface_objects:
            interfaces = ", ".join(sorted({f'"{io.name}"' for io in interface_objects.values()}))
            fix = (
                f"Give {interfaces} a resolvable @key in {self.m.names(list(interface_objects))} (where it is an "
                f'@interfaceObject resolving "{f.name}") with fields subgraph "{origin_name}" can provide.'
            )
        if unmet_requires:
            names = [self.m.subgraphs[i].name for i in unmet_requires]
            text += "".join(f'- from subgraph "{n}": cannot satisfy @require conditions on field "{f.coordinate}".\n'
                            for n in names)  # fmt: skip
            fix = (
                f'Make the fields that "{f.coordinate}" requires reachable from {self.m.names(unmet_requires)}: '
                "a subgraph resolving them needs a resolvable @key whose fields that subgraph can provide."
            )
        return CompositionError(
            "SATISFIABILITY_ERROR",
            "The following supergraph API query:\n"
            + printed_query([*path, self.witness(f)])
            + "\ncannot be satisfied by the subgraphs because:\n"
            + text
            + fix,
            tuple(sorted({origin_name, *(self.m.subgraphs[i].name for i in [*having, *(interface_objects or {})])})),
            f.coordinate,
        )


def check_satisfiability(merged: Merged) -> Iterator[CompositionError]:
    yield from _Checker(merged).check()
