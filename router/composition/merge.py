"""Merging subgraph models into one supergraph model, type by type, the way Apollo composition does.

Errors that only show while merging (kind or type mismatches, arguments and input fields missing
in some subgraphs, enum values that cannot be reconciled) are reported here; checks that read the
merged result are the supergraph rules under `rules/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .applied import descriptions_conflict, merge_applied, merge_description
from .composed import ComposedDirective, collect_composed_directives
from .executable import ExecutableDirective, merge_executable_directives
from .metadata import Metadata
from .model import JoinField, JoinType, MergedArgument, MergedEnumValue, MergedField, MergedType
from .override import apply_overrides
from .results import CompositionError, CompositionHint
from .spec_names import supergraph_spec_names
from .subgraph import Applied, Argument, Field, Kind, Subgraph, TypeDef
from .typeref import TypeRef, is_strict_subtype

__all__ = ["Merged", "merge"]

Position = Literal["input", "output", "both"]
ROOT_TYPES = frozenset({"Query", "Mutation", "Subscription"})


@dataclass
class Merged:
    """The merge result the printer and the supergraph rules read."""

    subgraphs: list[Subgraph]
    metas: list[Metadata]
    graph_names: list[str]
    types: dict[str, MergedType] = field(default_factory=dict)
    errors: list[CompositionError] = field(default_factory=list)
    hints: list[CompositionHint] = field(default_factory=list)
    enum_usage: dict[str, Position] = field(default_factory=dict)
    composed: list[ComposedDirective] = field(default_factory=list)
    executable: list[ExecutableDirective] = field(default_factory=list)
    spec_names: dict[str, str] = field(default_factory=dict)
    merged_types: bool = False

    @property
    def federation_version(self) -> tuple[int, int]:
        return max(s.version for s in self.subgraphs)

    def error(self, code: str, message: str, subgraphs: list[str], coordinate: str | None = None) -> None:
        self.errors.append(CompositionError(code, message, tuple(subgraphs), coordinate))

    def hint(self, code: str, message: str, coordinate: str | None = None) -> None:
        self.hints.append(CompositionHint(code, message, coordinate))

    def names(self, indexes: list[int], notes: dict[int, str] | None = None) -> str:
        """`subgraphs "a" and "b"`; `notes` adds words after some of the names."""
        notes = notes or {}
        quoted = [f'"{self.subgraphs[i].name}"' + (f" ({notes[i]})" if i in notes else "") for i in indexes]
        word = "subgraph" if len(quoted) == 1 else "subgraphs"
        body = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        return f"{word} {body}"


def graph_enum_names(names: list[str]) -> list[str]:
    """`join__Graph` values: upper-cased, non-word characters to `_`, numbered when they collide."""

    def sanitize(name: str) -> str:
        s = re.sub(r"\W", "_", name)
        s = "_" + s if re.match(r"^\d", s) else s
        s = s + "_" if re.search(r"_\d+$", s) else s
        return s.upper()

    sanitized = [sanitize(n) for n in names]
    result = []
    for i, s in enumerate(sanitized):
        same = [j for j, t in enumerate(sanitized) if t == s]
        result.append(s if len(same) == 1 else f"{s}_{same.index(i) + 1}")
    return result


class _Merger:
    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.subgraphs = merged.subgraphs
        composed = {c.name: c for c in merged.composed}
        self.kept_directives = frozenset({"deprecated", "specifiedBy", "tag", "inaccessible"} | set(composed))
        self.repeatable_directives = frozenset({"tag"} | {n for n, c in composed.items() if c.definition.repeatable})

    # -- types -------------------------------------------------------------------------------

    def run(self) -> None:
        kinds = self.collect_kinds()
        for name, kind in kinds.items():
            self.m.types[name] = MergedType(name, kind)
        for t in self.m.types.values():
            if t.kind in ("object", "interface"):
                self.merge_implements(t)
        for t in self.m.types.values():
            if t.kind == "union":
                self.merge_union(t)
        order: tuple[Kind, ...] = ("scalar", "input", "interface", "object")
        for kind in order:
            for t in list(self.m.types.values()):
                if t.kind == kind:
                    self.merge_common(t)
                    if kind == "input":
                        self.merge_input(t)
                    elif kind in ("object", "interface"):
                        self.merge_composite(t)
        for t in self.m.types.values():
            if t.kind == "enum":
                self.merge_common(t)
                self.merge_enum(t)
        self.add_interface_object_fields()
        for name in [n for n, t in self.m.types.items() if t.kind == "object" and not t.fields]:
            del self.m.types[name]

    def collect_kinds(self) -> dict[str, Kind]:
        kinds: dict[str, Kind] = {}
        seen: dict[str, list[tuple[int, Kind]]] = {}
        for i, s in enumerate(self.subgraphs):
            for t in s.types.values():
                seen.setdefault(t.name, []).append((i, t.effective_kind))
                kinds.setdefault(t.name, t.effective_kind)
        for name, occurrences in seen.items():
            if len({k for _, k in occurrences}) > 1:
                described = "; ".join(
                    f"{_kind_label(self.subgraphs[i].types[name])} in {self.m.names([i])}" for i, _ in occurrences
                )
                self.m.error(
                    "TYPE_KIND_MISMATCH",
                    f'Type "{name}" has mismatched kind: it is defined as {described}. A type must be the same '
                    "kind in every subgraph: rename it in some subgraphs or make the definitions agree.",
                    [self.subgraphs[i].name for i, _ in occurrences],
                    name,
                )
            if all(self.subgraphs[i].types[name].interface_object for i, _ in occurrences):
                self.m.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in which it is defined '
                    f"({self.m.names([i for i, _ in occurrences])}) but should be defined as an interface in at "
                    "least one subgraph.",
                    [self.subgraphs[i].name for i, _ in occurrences],
                    name,
                )
        return kinds

    def sources(self, t: MergedType) -> dict[int, TypeDef]:
        """The subgraphs defining `t` with the kind it has in the supergraph."""
        found = {}
        for i, s in enumerate(self.subgraphs):
            st = s.types.get(t.name)
            if st is not None and st.effective_kind == t.kind:
                found[i] = st
        return found

    def merge_implements(self, t: MergedType) -> None:
        for i, st in self.sources(t).items():
            for iface in st.interfaces:
                t.implements.append((self.m.graph_names[i], iface))
                if iface not in t.interfaces:
                    t.interfaces.append(iface)

    def merge_union(self, t: MergedType) -> None:
        self.merge_common(t)
        sources = self.sources(t)
        for st in sources.values():
            for member in st.members:
                if member not in t.members:
                    t.members.append(member)
        for member in t.members:
            having = [i for i, st in sources.items() if member in st.members]
            t.member_joins.extend((self.m.graph_names[i], member) for i in having)
            if len(having) < len(sources):
                self.m.hint(
                    "INCONSISTENT_UNION_MEMBER",
                    f'Union type "{t.name}" includes member type "{member}" in some but not all defining '
                    f'subgraphs: "{member}" is defined in {self.m.names(having)} but not in '
                    f"{self.m.names([i for i in sources if i not in having])}.",
                    t.name,
                )

    def merge_common(self, t: MergedType) -> None:
        sources = self.sources(t)
        t.description = self.description(t.name, [st.description for st in sources.values()], list(sources))
        t.directives = self.merge_directives([st.directives for st in sources.values()])
        for i, st in sources.items():
            graph = self.m.graph_names[i]
            if not st.keys:
                t.join_types.append(JoinType(graph, is_interface_object=st.interface_object))
            for key in st.keys:
                t.join_types.append(
                    JoinType(
                        graph,
                        key.fields,
                        key.extension or st.extends,
                        key.resolvable,
                        st.interface_object,
                        key.resolvable_given,
                    )
                )

    def description(self, coordinate: str, descriptions: list[str | None], per_subgraph: list[int]) -> str | None:
        """The merged description, with a hint naming the subgraphs when they disagree."""
        chosen = merge_description(descriptions)
        if descriptions_conflict(descriptions):
            others = [i for i, d in zip(per_subgraph, descriptions, strict=True) if d is not None and d != chosen]
            self.m.hint(
                "INCONSISTENT_DESCRIPTION",
                f'Element "{coordinate}" has inconsistent descriptions across subgraphs: the supergraph uses '
                f"{chosen!r}, {self.m.names(others)} say otherwise. Give it the same description everywhere "
                "(or describe it in one subgraph only).",
                coordinate,
            )
        return chosen

    def merge_directives(self, per_source: list[list[Applied]]) -> list[Applied]:
        """Merge the applications the supergraph keeps: built-in, `@tag`, `@inaccessible` and composed ones."""
        kept = [[d for d in ds if d.name in self.kept_directives] for ds in per_source]
        return merge_applied(kept, self.repeatable_directives)

    # -- objects and interfaces --------------------------------------------------------------

    def merge_composite(self, t: MergedType) -> None:
        sources = self.sources(t)
        if t.kind == "interface":
            self.validate_interface(t, sources)
        has_type = set(sources)
        for i, s in enumerate(self.subgraphs):
            # A subgraph with an @interfaceObject for one of t's interfaces stands in for t.
            if any(s.types.get(iface) is not None and s.types[iface].interface_object for iface in t.interfaces):
                has_type.add(i)
        for i, st in sources.items():
            for fname, f in st.fields.items():
                mf = t.fields.get(fname)
                if mf is None:
                    mf = t.fields[fname] = MergedField(fname, t.name, sources={j: None for j in sorted(has_type)})
                mf.sources[i] = f
        is_entity = any(st.keys for st in sources.values())
        if t.kind == "object" and is_entity and not all(st.keys for st in sources.values()):
            without = [i for i, st in sources.items() if not st.keys]
            self.m.hint(
                "INCONSISTENT_ENTITY",
                f'Type "{t.name}" is declared as an entity (has a @key applied) in some but not all defining '
                f"subgraphs: it has no @key in {self.m.names(without)}.",
                t.name,
            )
        for mf in t.fields.values():
            mf.sources = dict(sorted(mf.sources.items()))
            if not is_entity and t.name not in ROOT_TYPES:
                self.hint_value_type_field(t, mf, sources)
            apply_overrides(self.m, mf)
            self.merge_field(mf)

    def hint_value_type_field(self, t: MergedType, mf: MergedField, sources: dict[int, TypeDef]) -> None:
        """A field of a value type (or key-less interface) that some defining subgraphs lack."""
        metas = self.m.metas
        missing = [
            i
            for i, st in sources.items()
            if not st.interface_object
            and mf.name not in st.fields
            and not all(metas[i].is_external(f) for f in st.fields.values())
        ]
        if not missing or (t.kind == "interface" and self.provided_by_interface_object(t.name, mf.name)):
            return
        kind = "non-entity object" if t.kind == "object" else "interface"
        self.m.hint(
            "INCONSISTENT_OBJECT_VALUE_TYPE_FIELD" if t.kind == "object" else "INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD",
            f'Field "{mf.coordinate}" of {kind} type "{t.name}" is defined in some but not all subgraphs that define '
            f'"{t.name}": it is missing in {self.m.names(missing)}.',
            mf.coordinate,
        )

    def validate_interface(self, t: MergedType, sources: dict[int, TypeDef]) -> None:
        implementations = sorted(n for n, mt in self.m.types.items() if t.name in mt.interfaces and mt.kind == "object")
        for i, st in sources.items():
            s = self.subgraphs[i]
            if st.interface_object:
                defined = [n for n in implementations if n in s.types]
                if defined:
                    self.m.error(
                        "INTERFACE_OBJECT_USAGE_ERROR",
                        f'[{s.name}] Interface type "{t.name}" is defined as an @interfaceObject in subgraph '
                        f'"{s.name}" so that subgraph should not define any of the implementation types of '
                        f'"{t.name}", but it defines {", ".join(repr(n) for n in defined)}. Remove them from '
                        "this subgraph, or make it define the interface itself.",
                        [s.name],
                        t.name,
                    )
                continue
            resolvable = next((k for k in st.keys if k.resolvable), None)
            if resolvable is None:
                continue
            missing = [n for n in implementations if n not in {x.name for x in s.implementations(t.name)}]
            if missing:
                self.m.error(
                    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                    f'[{s.name}] Interface type "{t.name}" has a resolvable key (@key(fields: "{resolvable.fields}")) '
                    f'in subgraph "{s.name}" but that subgraph is missing some of the supergraph implementation '
                    f'types of "{t.name}". Subgraph "{s.name}" should define {", ".join(repr(n) for n in missing)} '
                    f'(and have them implement "{t.name}").',
                    [s.name],
                    t.name,
                )

    def merge_field(self, mf: MergedField) -> None:
        present = {i: f for i, f in mf.sources.items() if f is not None}
        metas = self.m.metas
        if all(metas[i].is_external(f) for i, f in present.items()):
            self.m.error(
                "EXTERNAL_MISSING_ON_BASE",
                f'Field "{mf.coordinate}" is marked @external on all the subgraphs in which it is listed '
                f"({self.m.names(list(present))}). Some subgraph must resolve it: remove @external there.",
                [self.subgraphs[i].name for i in present],
                mf.coordinate,
            )
            return
        resolving = {i: f for i, f in present.items() if not metas[i].is_external(f)}
        for i, f in present.items():
            if i not in resolving:
                self.reject_merged_directives_on_external(i, f)
        mf.description = self.description(mf.coordinate, [f.description for f in resolving.values()], list(resolving))
        mf.directives = self.merge_directives([f.directives for f in resolving.values()])
        self.merge_arguments(mf, resolving)
        all_equal = self.merge_type(mf.coordinate, "field", mf, resolving, "output")
        self.check_external_types(mf, present)
        self.add_join_fields(mf, all_equal)

    def reject_merged_directives_on_external(self, i: int, f: Field) -> None:
        """Directives the supergraph keeps come from the subgraphs resolving a field, never an @external one."""
        for directive in f.directives:
            if directive.name in self.kept_directives:
                name = self.subgraphs[i].name
                self.m.error(
                    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    f'[{name}] Cannot apply merged directive {directive} to external field "{f.coordinate}". '
                    "Remove it here: put it where the field is resolved.",
                    [name],
                    f.coordinate,
                )

    def merge_arguments(self, mf: MergedField, resolving: dict[int, Field]) -> None:
        names: list[str] = []
        for f in resolving.values():
            names.extend(a for a in f.args if a not in names)
        for name in names:
            args = {i: f.args.get(name) for i, f in resolving.items()}
            missing = [i for i, a in args.items() if a is None]
            coordinate = f"{mf.coordinate}({name}:)"
            if missing:
                required = [i for i, a in args.items() if a is not None and a.type.is_non_null and a.default is None]
                if required:
                    self.m.error(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "{coordinate}" is required in some subgraphs but does not appear in all '
                        f"subgraphs: it is required in {self.m.names(required)} but does not appear in "
                        f"{self.m.names(missing)}. Add the argument there, or make it optional everywhere.",
                        [self.subgraphs[i].name for i in required + missing],
                        coordinate,
                    )
                else:
                    self.m.hint(
                        "INCONSISTENT_ARGUMENT_PRESENCE",
                        f'Optional argument "{coordinate}" will not be included in the supergraph as it does not '
                        f"appear in all subgraphs: it is not defined in {self.m.names(missing)}.",
                        coordinate,
                    )
                continue
            present: dict[int, Argument] = {i: a for i, a in args.items() if a is not None}
            ma = MergedArgument(name, next(iter(present.values())).type)
            ma.description = self.description(coordinate, [a.description for a in present.values()], list(present))
            ma.directives = self.merge_directives([a.directives for a in present.values()])
            self.merge_type(coordinate, "argument", ma, present, "input")
            ma.default = self.merge_default(coordinate, "Argument", present)
            mf.args[name] = ma

    def merge_default(self, coordinate: str, kind: str, present: dict[int, Argument] | dict[int, Field]) -> str | None:
        defaults = {i: x.default for i, x in present.items()}
        distinct = {d for d in defaults.values() if d is not None}
        if len(distinct) > 1:
            listed = "; ".join(
                f"{'default value ' + d if d is not None else 'no default value'} in {self.m.names([i])}"
                for i, d in defaults.items()
            )
            self.m.error(
                "FIELD_ARGUMENT_DEFAULT_MISMATCH" if kind == "Argument" else "INPUT_FIELD_DEFAULT_MISMATCH",
                f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has {listed}. '
                "Use the same default everywhere.",
                [self.subgraphs[i].name for i in defaults],
                coordinate,
            )
            return None
        if distinct and None in defaults.values():
            self.m.hint(
                "INCONSISTENT_DEFAULT_VALUE_PRESENCE",
                f'{kind} "{coordinate}" has a default value in only some subgraphs.',
                coordinate,
            )
            return None
        return next(iter(distinct), None)

    def is_direct_subtype(self, supertype: str, subtype: str) -> bool:
        st = self.m.types.get(supertype)
        sub = self.m.types.get(subtype)
        if st is None or sub is None:
            return False
        return (st.kind == "union" and subtype in st.members) or supertype in sub.interfaces

    def merge_type(
        self,
        coordinate: str,
        element: str,
        dest: MergedField | MergedArgument,
        present: dict[int, Field] | dict[int, Argument],
        position: Literal["input", "output"],
    ) -> bool:
        """Set `dest.type`; output positions take the most general type, inputs the strictest.
        Returns whether all subgraphs agree exactly."""
        dest_type: TypeRef | None = None
        subtypes = incompatible = False
        for x in present.values():
            if dest_type is None or dest_type == x.type:
                dest_type = x.type
            elif is_strict_subtype(dest_type, x.type, self.is_direct_subtype):
                subtypes = True
                if position == "input":
                    dest_type = x.type
            elif is_strict_subtype(x.type, dest_type, self.is_direct_subtype):
                subtypes = True
                if position == "output":
                    dest_type = x.type
            else:
                incompatible = True
        assert dest_type is not None
        dest.type = dest_type
        base = self.m.types.get(dest_type.base)
        if base is not None and base.kind == "enum":
            previous = self.m.enum_usage.get(base.name)
            self.m.enum_usage[base.name] = position if previous in (None, position) else "both"
        if incompatible:
            listed = "; ".join(f'type "{x.type}" in {self.m.names([i])}' for i, x in present.items())
            self.m.error(
                "ARGUMENT_TYPE_MISMATCH" if element == "argument" else "FIELD_TYPE_MISMATCH",
                f'Type of {element} "{coordinate}" is incompatible across subgraphs: it has {listed}. '
                "Make the types agree (they may differ only in nullability, or by a subtype in output positions).",
                [self.subgraphs[i].name for i in present],
                coordinate,
            )
            return False
        if subtypes:
            self.m.hint(
                "INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE"
                if element == "argument"
                else "INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE",
                f'Type of {element} "{coordinate}" is inconsistent but compatible across subgraphs: will use type '
                f'"{dest_type}" in the supergraph.',
                coordinate,
            )
            return False
        return True

    def check_external_types(self, mf: MergedField, present: dict[int, Field]) -> None:
        assert mf.type is not None
        for i, f in present.items():
            if not self.m.metas[i].is_external(f):
                continue
            if f.type != mf.type and not is_strict_subtype(mf.type, f.type, self.is_direct_subtype):
                self.m.error(
                    "EXTERNAL_TYPE_MISMATCH",
                    f'Type of field "{mf.coordinate}" is incompatible across subgraphs (where marked @external): it '
                    f'has type "{mf.type}" in the supergraph but type "{f.type}" in {self.m.names([i])}. Declare '
                    "the external field with the type the owning subgraph gives it.",
                    [self.subgraphs[i].name],
                    mf.coordinate,
                )
            for name in mf.args:
                if name not in f.args:
                    self.m.error(
                        "EXTERNAL_ARGUMENT_MISSING",
                        f'Field "{mf.coordinate}" is missing argument "{mf.coordinate}({name}:)" in '
                        f"{self.m.names([i])} where it is marked @external. Declare the same arguments.",
                        [self.subgraphs[i].name],
                        mf.coordinate,
                    )
        self.check_external_arguments(mf, present)

    def check_external_arguments(self, mf: MergedField, present: dict[int, Field]) -> None:
        """An @external declaration's arguments must accept what the supergraph's do, with the same defaults."""
        external = {i: f for i, f in present.items() if self.m.metas[i].is_external(f)}
        for name, ma in mf.args.items():
            args = {i: f.args[name] for i, f in present.items() if name in f.args}
            coordinate = f"{mf.coordinate}({name}:)"
            wrong_type = [
                i
                for i, f in external.items()
                if name in f.args
                and f.args[name].type != ma.type
                and not is_strict_subtype(f.args[name].type, ma.type, self.is_direct_subtype)
            ]
            if wrong_type:
                listed = "; ".join(f'type "{a.type}" in {self.m.names([i])}' for i, a in args.items())
                self.m.error(
                    "EXTERNAL_ARGUMENT_TYPE_MISMATCH",
                    f'Type of argument "{coordinate}" is incompatible across subgraphs (where "{mf.coordinate}" is '
                    f"marked @external): it has {listed}. Declare the argument with the supergraph's type "
                    f'"{ma.type}" (or a nullable version of it) where the field is @external.',
                    [self.subgraphs[i].name for i in args],
                    coordinate,
                )
            if any(name in f.args and f.args[name].default != ma.default for f in external.values()):
                listed = "; ".join(
                    f"{'default value ' + a.default if a.default is not None else 'no default value'} in "
                    f"{self.m.names([i])}"
                    for i, a in args.items()
                )
                self.m.error(
                    "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH",
                    f'Argument "{coordinate}" has incompatible defaults across subgraphs (where "{mf.coordinate}" is '
                    f"marked @external): it has {listed}. Use the same default where the field is @external.",
                    [self.subgraphs[i].name for i in args],
                    coordinate,
                )

    def add_join_fields(self, mf: MergedField, all_equal: bool) -> None:
        metas = self.m.metas
        used_overridden = mf.used_overridden
        label_of = mf.override_labels
        unused_overridden = mf.overridden - used_overridden
        needed = not all_equal or bool(used_overridden) or bool(label_of)
        for i, f in mf.sources.items():
            if f is not None and i not in unused_overridden:
                if metas[i].is_external(f) or f.requires is not None or f.provides is not None:
                    needed = True
            elif mf.parent in self.subgraphs[i].types:
                needed = True
        if not needed:
            return
        for i, f in mf.sources.items():
            if f is None or (i in unused_overridden and i not in label_of):
                continue
            mf.joins.append(
                JoinField(
                    self.m.graph_names[i],
                    requires=f.requires,
                    provides=f.provides,
                    type=None if all_equal else str(f.type),
                    external=metas[i].is_external(f),
                    override=f.override_from,
                    used_overridden=i in used_overridden,
                    override_label=label_of.get(i),
                )
            )

    # -- inputs and enums --------------------------------------------------------------------

    def merge_input(self, t: MergedType) -> None:
        sources = self.sources(t)
        names: list[str] = []
        for st in sources.values():
            names.extend(n for n in st.fields if n not in names)
        for name in names:
            present = {i: st.fields[name] for i, st in sources.items() if name in st.fields}
            coordinate = f"{t.name}.{name}"
            mf = MergedField(name, t.name, sources={i: st.fields.get(name) for i, st in sources.items()})
            mf.description = self.description(coordinate, [f.description for f in present.values()], list(present))
            mf.directives = self.merge_directives([f.directives for f in present.values()])
            all_equal = self.merge_type(coordinate, "field", mf, present, "input")
            self.add_join_fields(mf, all_equal)
            mf.default = self.merge_default(coordinate, "Input field", present)
            missing = [i for i in sources if i not in present]
            if missing and not any(d.name == "inaccessible" for d in mf.directives):
                required = [i for i, f in present.items() if f.type.is_non_null and f.default is None]
                if required:
                    self.m.error(
                        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                        f'Input object field "{coordinate}" is required in some subgraphs but does not appear in '
                        f"all subgraphs: it is required in {self.m.names(required)} but does not appear in "
                        f"{self.m.names(missing)}. Add the field there, or make it optional everywhere.",
                        [self.subgraphs[i].name for i in required + missing],
                        coordinate,
                    )
                else:
                    self.m.hint(
                        "INCONSISTENT_INPUT_OBJECT_FIELD",
                        f'Input object field "{name}" will not be added to "{t.name}" in the supergraph as it does '
                        f"not appear in all subgraphs: it is missing in {self.m.names(missing)}.",
                        coordinate,
                    )
                continue
            t.fields[name] = mf
        if not t.fields:
            self.m.error(
                "EMPTY_MERGED_INPUT_TYPE",
                f'None of the fields of input object type "{t.name}" are consistently defined in all the subgraphs '
                f"defining that type ({self.m.names(list(sources))}). As only fields common to all subgraphs are "
                "merged, this would result in an empty type: give the subgraphs at least one field in common.",
                [self.subgraphs[i].name for i in sources],
                t.name,
            )

    def merge_enum(self, t: MergedType) -> None:
        sources = self.sources(t)
        usage = self.m.enum_usage.get(t.name)
        if usage is None:
            usage = "output"
            self.m.hint(
                "UNUSED_ENUM_TYPE",
                f'Enum type "{t.name}" is defined but unused. It will be included in the supergraph with all the '
                'values appearing in any subgraph ("as if" it was only used as an output type).',
                t.name,
            )
        names: list[str] = []
        for st in sources.values():
            names.extend(v for v in st.values if v not in names)
        for name in names:
            present = {i: st.values[name] for i, st in sources.items() if name in st.values}
            value = MergedEnumValue(
                name,
                self.description(f"{t.name}.{name}", [v.description for v in present.values()], list(present)),
                self.merge_directives([v.directives for v in present.values()]),
                [self.m.graph_names[i] for i in present],
            )
            missing = [i for i in sources if i not in present]
            inaccessible = any(d.name == "inaccessible" for d in value.directives)
            if missing and not inaccessible and usage == "both":
                self.m.error(
                    "ENUM_VALUE_MISMATCH",
                    f'Enum type "{t.name}" is used as both input type and output type, but value "{name}" is not '
                    f'defined in all the subgraphs defining "{t.name}": it is defined in {self.m.names(list(present))} '
                    f"but not in {self.m.names(missing)}. Define the same values everywhere (or mark the extra "
                    "value @inaccessible).",
                    [self.subgraphs[i].name for i in sources],
                    f"{t.name}.{name}",
                )
            elif missing and usage == "output":
                self.m.hint(
                    "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM",
                    f'Value "{name}" of enum type "{t.name}" has been added to the supergraph but is only defined '
                    f"in {self.m.names(list(present))}, not in {self.m.names(missing)}.",
                    f"{t.name}.{name}",
                )
            elif missing and not inaccessible and usage == "input":
                self.m.hint(
                    "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM",
                    f'Value "{name}" of enum type "{t.name}" will not be part of the supergraph as it is not '
                    f'defined in all the subgraphs defining "{t.name}" (missing in {self.m.names(missing)}).',
                    f"{t.name}.{name}",
                )
                continue
            t.values[name] = value
        if not t.values:
            self.m.error(
                "EMPTY_MERGED_ENUM_TYPE",
                f'None of the values of enum type "{t.name}" are defined consistently in all the subgraphs defining '
                f"that type ({self.m.names(list(sources))}). As only values common to all subgraphs are merged, "
                "this would result in an empty "
                "type: give the subgraphs at least one value in common.",
                [self.subgraphs[i].name for i in sources],
                t.name,
            )

    def add_interface_object_fields(self) -> None:
        """Fields an `@interfaceObject` adds to an interface also appear on its implementations,
        with a bare `@join__field` (no subgraph resolves them on the concrete type)."""
        for t in self.m.types.values():
            if t.kind != "object":
                continue
            for iface_name in t.interfaces:
                iface = self.m.types.get(iface_name)
                if iface is None:
                    continue
                for name, itf_field in iface.fields.items():
                    if name in t.fields or not self.provided_by_interface_object(iface_name, name):
                        continue
                    t.fields[name] = MergedField(
                        name,
                        t.name,
                        itf_field.type,
                        dict(itf_field.args),
                        itf_field.description,
                        list(itf_field.directives),
                        joins=[JoinField(None)],
                    )

    def provided_by_interface_object(self, interface: str, field_name: str) -> bool:
        for s, meta in zip(self.subgraphs, self.m.metas, strict=True):
            st = s.types.get(interface)
            if (
                st is not None
                and st.interface_object
                and field_name in st.fields
                and not meta.is_external(st.fields[field_name])
            ):
                return True
        return False


def _kind_label(t: TypeDef) -> str:
    if t.interface_object:
        return "Interface Object Type (Object Type with @interfaceObject)"
    return {
        "object": "Object Type",
        "interface": "Interface Type",
        "union": "Union Type",
        "enum": "Enum Type",
        "input": "Input Object Type",
        "scalar": "Scalar Type",
    }[t.kind]


def merge(subgraphs: list[Subgraph], metas: list[Metadata]) -> Merged:
    """Merge subgraphs (already sorted by name) into a supergraph model."""
    merged = Merged(subgraphs, metas, graph_enum_names([s.name for s in subgraphs]))
    merged.spec_names, name_errors = supergraph_spec_names(subgraphs)
    merged.composed, composition_errors = collect_composed_directives(subgraphs)
    merged.errors += name_errors + composition_errors
    if merged.errors:
        # Apollo settles which specs the supergraph links before merging anything.
        return merged
    merged.executable, executable_errors, executable_hints = merge_executable_directives(subgraphs)
    merged.errors += executable_errors
    merged.hints += executable_hints
    _Merger(merged).run()
    merged.merged_types = True
    return merged
