"""Merging fields, their arguments and input fields: types, defaults, `@external` declarations, `@join__field`s."""

from __future__ import annotations

from typing import Literal

from .merge_directives import DirectiveMerger
from .merged import Merged
from .model import JoinField, MergedArgument, MergedField, MergedType
from .subgraph import Argument, Field, TypeDef
from .typeref import TypeRef, is_strict_subtype

__all__ = ["FieldMerger"]


class FieldMerger:
    """One field at a time, across the subgraphs that define its parent type."""

    def __init__(self, merged: Merged, directives: DirectiveMerger) -> None:
        self.m = merged
        self.subgraphs = merged.subgraphs
        self.directives = directives

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
                self.directives.reject_on_external(i, f)
        mf.description = self.directives.description(
            mf.coordinate, [f.description for f in resolving.values()], list(resolving)
        )
        mf.directives = self.directives.merge(
            [f.directives for f in resolving.values()],
            mf.coordinate,
            access_control_first=True,
            access_control_sources=self.directives.access_control_sources(mf.coordinate),
        )
        self.merge_arguments(mf, resolving)
        all_equal = self.merge_type(mf.coordinate, "field", mf, resolving, "output")
        self.check_external_types(mf, present)
        self.add_join_fields(mf, all_equal)

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
            ma.description = self.directives.description(
                coordinate, [a.description for a in present.values()], list(present)
            )
            ma.directives = self.directives.merge([a.directives for a in present.values()], coordinate)
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

    def merge_input(self, t: MergedType, sources: dict[int, TypeDef]) -> None:
        """The fields of input type `t` (defined by `sources`): only those every defining subgraph has."""
        names: list[str] = []
        for st in sources.values():
            names.extend(n for n in st.fields if n not in names)
        for name in names:
            present = {i: st.fields[name] for i, st in sources.items() if name in st.fields}
            coordinate = f"{t.name}.{name}"
            mf = MergedField(name, t.name, sources={i: st.fields.get(name) for i, st in sources.items()})
            mf.description = self.directives.description(
                coordinate, [f.description for f in present.values()], list(present)
            )
            mf.directives = self.directives.merge([f.directives for f in present.values()], coordinate)
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
