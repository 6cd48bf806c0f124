"""Every field a client can query must be reachable: from a subgraph that may serve its parent object
on that query path, either that subgraph resolves it or a `@key` lets the router move to one that does.

A `@requires` adds its own condition: from the subgraph with the field, the router must be able to
fetch the required fields. A field that only an `@interfaceObject` resolves is reachable when the
router can move to that subgraph with one of the interface object's keys.

An `@external` field is resolved only where a `@provides` on the query path says so.

An `@interfaceObject` returned by a field leads, through its keys, to the implementations in
subgraphs defining the interface.

Differences from Apollo's check: `@requires` inside `@requires` conditions are taken as satisfiable,
an error is reported once per field (for one query path), and it explains the failure from one of
the subgraphs serving that path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from ..query_paths import ROOTS, QueryPaths, parse_selection_set, printed_query
from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged
    from ..model import MergedField, MergedType
    from ..subgraph import TypeDef


class _Position(NamedTuple):
    """An object type reached by a query path: the subgraphs that may be serving it at once (the
    query path is satisfiable if one of them can go on, as in Apollo's validation state) and, per
    subgraph, what a @provides on the path gives of it."""

    type_name: str
    subgraphs: frozenset[int]
    path: list[str]
    provided: dict[int, SelectionSetNode]


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
        visited: dict[str, list[frozenset[int]]] = {}
        reported: set[str] = set()
        # Depth first, last field first, as Apollo's validation walks: it matters, see below.
        stack = [
            _Position(root, frozenset(i for i, s in enumerate(self.m.subgraphs) if root in s.types), [], {})
            for root in ROOTS
            if root in self.m.types
        ]
        while stack:
            type_name, origins, path, provided = stack.pop()
            # Like Apollo, a type already checked with no more subgraphs serving it is not checked again,
            # even if a @provides gave the earlier visit more fields (so the order of fields can matter).
            earlier = visited.setdefault(type_name, [])
            if any(e <= origins for e in earlier):
                continue
            earlier.append(origins)
            t = self.m.types[type_name]
            reachable = {o: self.reachable(type_name, o) for o in sorted(origins)}
            first = min(origins)
            for f in t.fields.values():
                if type_name in self.hidden or any(d.name == "inaccessible" for d in f.directives):
                    continue
                if any(j.graph is None for j in f.joins):
                    providers = self.interface_objects_resolving(t, f)
                    anywhere = set().union(*reachable.values())
                    reached = [k for k, io in providers.items() if self.reaches_interface_object(t, {k: io}, anywhere)]
                    met = [k for k in reached if self.interface_object_requires_met(providers[k], f.name, k)]
                    if not met and f.coordinate not in reported:
                        reported.add(f.coordinate)
                        yield self.error(t, f, first, path, unmet_requires=reached, interface_objects=providers)
                    continue
                resolving: list[int] = []
                inner: dict[int, SelectionSetNode] = {}
                for origin, reach in reachable.items():
                    provided_field = _provided(provided.get(origin), f.name)
                    if provided_field is not None and provided_field.selection_set is not None:
                        inner[origin] = provided_field.selection_set
                    here = provided_field is not None
                    resolving += [
                        i for i in sorted(reach) if i not in resolving and self.resolves(i, f, here and i == origin)
                    ]
                usable = [i for i in resolving if self.requires_met(type_name, f, i, provided.get(i))]
                if not usable:
                    if f.coordinate not in reported:
                        reported.add(f.coordinate)
                        yield self.error(t, f, first, path, unmet_requires=resolving)
                    continue
                if (error := self.enqueue(f, usable, inner, [*path, self.witness(f)], stack)) is not None:
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

    def interface_object_requires_met(self, io: TypeDef, name: str, subgraph: int) -> bool:
        """Whether the `@requires` of an `@interfaceObject` field can be fetched from that subgraph."""
        requires = io.fields[name].requires
        selection_set = parse_selection_set(requires) if requires is not None else None
        return selection_set is None or self.can_fetch(io.name, subgraph, selection_set)

    def requires_met(self, type_name: str, f: MergedField, subgraph: int, provided: SelectionSetNode | None) -> bool:
        """Whether the router can fetch what `f`'s `@requires` in `subgraph` needs, starting there
        (where a @provides on the path may already give some of it)."""
        source = f.sources.get(subgraph)
        if source is None or source.requires is None:
            return True
        selection_set = parse_selection_set(source.requires)
        return selection_set is None or self.can_fetch(type_name, subgraph, selection_set, provided)

    def can_fetch(
        self, type_name: str, origin: int, selection_set: SelectionSetNode, provided: SelectionSetNode | None = None
    ) -> bool:
        t = self.m.types.get(type_name)
        if t is None:
            return True
        reachable = self.reachable(type_name, origin)
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = condition.name.value if condition else type_name
                if not self.can_fetch(inner, origin, selection.selection_set, provided):
                    return False
                continue
            if not isinstance(selection, FieldNode) or selection.name.value not in t.fields:
                continue
            mf = t.fields[selection.name.value]
            given = _provided(provided, mf.name)
            if not any(
                self.fetches(mf, i, selection.selection_set, given if i == origin else None) for i in sorted(reachable)
            ):
                return False
        return True

    def fetches(
        self, f: MergedField, subgraph: int, selection_set: SelectionSetNode | None, given: FieldNode | None
    ) -> bool:
        if not self.resolves(subgraph, f, given is not None):
            return False
        if selection_set is None or f.type is None:
            return True
        inner = given.selection_set if given is not None else None
        return all(self.can_fetch(o, subgraph, selection_set, inner) for o in self.object_types(f.type.base, subgraph))

    def enqueue(
        self, f: MergedField, usable: list[int], inner: dict[int, SelectionSetNode], path: list[str],
        stack: list[_Position],
    ) -> CompositionError | None:  # fmt: skip
        """Queue the objects `f` returns from the `usable` subgraphs, grouped by object type; `inner` is
        what the path's @provides says a subgraph gives of them, unless `f` has its own @provides. An
        `@interfaceObject` is followed to the implementations in the subgraphs its keys reach; when
        that is the only way on and leads nowhere, it is an error."""
        assert f.type is not None
        base = self.m.types.get(f.type.base)
        if base is None or base.kind not in ("object", "interface", "union"):
            return None
        serving: dict[str, set[int]] = {}
        provided: dict[int, SelectionSetNode] = {}
        stuck: list[int] = []
        for i in usable:
            returned = self.m.subgraphs[i].types.get(base.name)
            if returned is not None and returned.interface_object:
                targets = self.interface_object_targets(base.name, i)
                stuck += [] if targets else [i]
                for j in targets:
                    for object_type in self.object_types(base.name, j):
                        serving.setdefault(object_type, set()).add(j)
                continue
            source = f.sources.get(i)
            own = parse_selection_set(source.provides) if source is not None and source.provides else inner.get(i)
            if own is not None:
                provided[i] = own
            for object_type in self.object_types(base.name, i):
                serving.setdefault(object_type, set()).add(i)
        implementations = [t.name for t in self.m.types.values() if base.name in t.interfaces]
        if not serving and stuck and implementations:
            return self.interface_object_error(base.name, implementations[0], stuck[0], path)
        for object_type, subgraphs in serving.items():
            if object_type in self.m.types:
                mine = {i: provided[i] for i in sorted(subgraphs) if i in provided}
                # Below an abstract type, the example query needs a type condition to be valid.
                at = path if object_type == base.name else [*path, f"... on {object_type}"]
                stack.append(_Position(object_type, frozenset(subgraphs), at, mine))
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
