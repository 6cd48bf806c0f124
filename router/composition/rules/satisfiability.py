"""Every field a client can query must be reachable: from the subgraph that returned its parent object,
either that subgraph resolves it or a `@key` lets the router move to one that does.

A `@requires` adds its own condition: from the subgraph with the field, the router must be able to
fetch the required fields. A field that only an `@interfaceObject` resolves is reachable when the
router can move to that subgraph with one of the interface object's keys.

An `@external` field is resolved only where a `@provides` on the query path says so.

An `@interfaceObject` returned by a field leads, through its keys, to the implementations in
subgraphs defining the interface.

A shared field returning an abstract type must have runtime types in common across the subgraphs
that may serve it at once (an error otherwise), and gets a hint when their sets differ.

A conservative subset of Apollo's satisfiability check: `@requires` inside `@requires` conditions
are taken as satisfiable, and a path is reported once per field.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from graphql import FieldNode, GraphQLSyntaxError, InlineFragmentNode, SelectionSetNode, parse, print_ast

from ..fieldset import resolve_field_set
from ..results import CompositionError

if TYPE_CHECKING:
    from ..merge import Merged
    from ..model import MergedField, MergedType
    from ..subgraph import TypeDef
    from ..typeref import TypeRef

ROOTS = ("Query", "Mutation", "Subscription")
JS_FALSY_DEFAULTS = (None, "0", "0.0", "false", '""', "null")
WITNESS_SCALARS = {"Int": "0", "Float": "3.14", "Boolean": "true", "String": '"A string value"', "ID": '"<any id>"'}


def _printed_query(path: list[str]) -> str:
    """`["me", "age"]` as an indented GraphQL query, like Apollo shows it."""
    lines = ["{"]
    for depth, name in enumerate(path, start=1):
        # An element may span lines (long arguments): indent each of them.
        element = name.replace("\n", "\n" + "  " * depth)
        lines.append("  " * depth + element + (" {" if depth < len(path) else ""))
    lines += ["  " * depth + "}" for depth in range(len(path) - 1, -1, -1)]
    return "\n".join(lines)


class _Position(NamedTuple):
    """An object type reached in a subgraph by a query path, with what a @provides on it gives."""

    type_name: str
    subgraph: int
    path: list[str]
    provided: SelectionSetNode | None


def _parse_selection_set(field_set: str) -> SelectionSetNode | None:
    try:
        document = parse("{" + field_set + "}", no_location=True)
    except GraphQLSyntaxError:
        return None  # the subgraph rules have reported it
    selection_set: SelectionSetNode | None = getattr(document.definitions[0], "selection_set", None)
    return selection_set


def _provided(provided: SelectionSetNode | None, name: str) -> FieldNode | None:
    """The selection of field `name` in a @provides field set (inline fragments included)."""
    for selection in provided.selections if provided is not None else ():
        if isinstance(selection, FieldNode) and selection.name.value == name:
            return selection
        if isinstance(selection, InlineFragmentNode) and (found := _provided(selection.selection_set, name)):
            return found
    return None


def _types(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    if len(quoted) == 1:
        return f"type {quoted[0]}"
    return "types " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


class _Checker:
    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.hinted: set[str] = set()
        self.hidden = {t.name for t in merged.types.values() if t.is_inaccessible()}

    def resolves(self, i: int, f: MergedField, provided_here: bool = False) -> bool:
        """Whether subgraph `i` resolves `f`; an @external field only where a @provides path leads."""
        source = f.sources.get(i)
        if source is None or (i in f.overridden and i not in f.override_labels):
            return False
        return not self.m.metas[i].is_external(source) or (
            provided_here and not self.m.metas[i].is_fully_external(source)
        )

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
        if any(self.can_provide_key(origin, type_name, key.fields) for key in resolvable):
            return None
        keys = ", ".join(f'@key(fields: "{k.fields}")' for k in resolvable)
        return (
            f'none of the keys of "{type_name}" in subgraph "{self.m.subgraphs[target].name}" ({keys}) can be '
            f'provided by subgraph "{origin_graph.name}"'
        )

    def can_provide_key(self, origin: int, type_name: str, fields: str) -> bool:
        resolved = resolve_field_set(self.m.subgraphs[origin], type_name, fields)
        if resolved.problems or resolved.usage_problems:
            return False
        return not any(self.m.metas[origin].is_fully_external(f) for f in resolved.selected)

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
        query = _printed_query([*path, self.witness(f), "..."])
        if not common:
            by_types: dict[str, list[int]] = {}
            for i, ts in per_subgraph.items():
                by_types.setdefault(_types(ts) if ts else "no runtime type is defined", []).append(i)
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
                + _types([n for n in ts if n not in common])
                for i, ts in per_subgraph.items()
                if any(n not in common for n in ts)
            )
            self.m.hint(
                "INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN",
                f'For the following supergraph API query:\n{query}\nShared field "{f.coordinate}" return type '
                f'"{f.type}" has different sets of possible runtime types across subgraphs.\nSince a shared field '
                f"must be resolved the same way in all subgraphs, make sure that {self.m.names(list(per_subgraph))} "
                f'only resolve "{f.coordinate}" to objects of {_types(common)}. In particular:\n{extra}.\n'
                "Otherwise the @shareable contract will be broken.",
                f.coordinate,
            )
        return None

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
        selection_set = _parse_selection_set(source.requires)
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
            provided = _parse_selection_set(source.provides)
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
            + _printed_query([*path, f"... on {implementation}", "..."])
            + "\ncannot be satisfied by the subgraphs because:\n"
            + f'- from subgraph "{name}": no subgraph can be reached to resolve the implementation type of '
            f'@interfaceObject type "{interface}".\n'
            + f'Give the interface "{interface}" a resolvable @key, with fields subgraph "{name}" can provide, in '
            "a subgraph that defines its implementations.",
            (name,),
            interface,
        )

    def witness(self, f: MergedField) -> str:
        """`f` as the example query selects it: every argument gets a value of its type, like Apollo's."""
        if not f.args:
            return f.name
        args = [f"{a.name}: {self.witness_value(a.type)}" for a in f.args.values()]
        line = f"{f.name}({', '.join(args)})"
        # graphql-js puts arguments on their own lines past 80 characters.
        return line if len(line) <= 80 else f.name + "(\n" + "".join(f"  {a}\n" for a in args) + ")"

    def witness_value(self, type_ref: TypeRef) -> str:
        if type_ref.non_null_of is not None:
            return self.witness_value(type_ref.non_null_of)
        if type_ref.list_of is not None:
            return "[]"
        name = str(type_ref.name)
        if name in WITNESS_SCALARS:
            return WITNESS_SCALARS[name]
        t = self.m.types.get(name)
        if t is None or t.kind == "scalar":
            return '"<some value>"'
        if t.kind == "enum":
            return next(iter(t.values), '""')
        # Apollo skips a field whose default is truthy in JavaScript, so `0` or `false` defaults are given.
        needed = [
            x for x in t.fields.values() if x.default in JS_FALSY_DEFAULTS and x.type is not None and x.type.is_non_null
        ]
        return "{" + ", ".join(f"{x.name}: {self.witness_value(x.type)}" for x in needed if x.type) + "}"

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
            + _printed_query([*path, self.witness(f)])
            + "\ncannot be satisfied by the subgraphs because:\n"
            + text
            + fix,
            tuple(sorted({origin_name, *(self.m.subgraphs[i].name for i in [*having, *(interface_objects or {})])})),
            f.coordinate,
        )


def check_satisfiability(merged: Merged) -> Iterator[CompositionError]:
    checker = _Checker(merged)
    yield from checker.check()
    yield from checker.check_shared_fields()
