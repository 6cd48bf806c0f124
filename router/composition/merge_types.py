"""Merging types: kinds, implemented interfaces, union members, enum values; fields are `merge_fields`' job."""

from __future__ import annotations

from .merge_directives import DirectiveMerger
from .merge_fields import FieldMerger
from .merged import Merged
from .model import JoinField, JoinType, MergedEnumValue, MergedField, MergedType
from .override import apply_overrides
from .subgraph import Kind, TypeDef

__all__ = ["TypeMerger"]

ROOT_TYPES = frozenset({"Query", "Mutation", "Subscription"})


class TypeMerger:
    """Runs the whole merge of the types, in Apollo's order: the order decides which hints come first."""

    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.subgraphs = merged.subgraphs
        self.directives = DirectiveMerger(merged)
        self.fields = FieldMerger(merged, self.directives)

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
                        self.fields.merge_input(t, self.sources(t))
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
        t.description = self.directives.description(t.name, [st.description for st in sources.values()], list(sources))
        interface = t.kind == "interface"
        t.directives = self.directives.merge(
            [st.directives for st in sources.values()],
            t.name,
            access_control_first=interface,
            access_control_sources=self.directives.access_control_sources(t.name) if interface else (),
        )
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
            self.fields.merge_field(mf)

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
                self.directives.description(
                    f"{t.name}.{name}", [v.description for v in present.values()], list(present)
                ),
                self.directives.merge([v.directives for v in present.values()], f"{t.name}.{name}"),
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
