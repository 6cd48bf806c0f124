"""`@override`: which subgraphs lose a field to another, and progressive-override labels."""

from __future__ import annotations

import re

from .merged import Merged
from .model import MergedField

__all__ = ["apply_overrides"]

_LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
_PERCENT = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")


def apply_overrides(merged: Merged, mf: MergedField) -> None:
    """Apply `@override`: record on `mf` which subgraphs lose the field, and the labels."""
    names = [s.name for s in merged.subgraphs]
    with_override = {i: f for i, f in mf.sources.items() if f is not None and f.override_from is not None}
    for i, f in with_override.items():
        source = merged.subgraphs[i].name
        target = f.override_from
        assert target is not None
        if target not in names:
            mf.unknown_override.add(i)
            merged.hint(
                "FROM_SUBGRAPH_DOES_NOT_EXIST",
                f'Source subgraph "{target}" for field "{mf.coordinate}" on subgraph "{source}" does not exist.',
                mf.coordinate,
            )
            continue
        if target == source:
            continue
        j = names.index(target)
        if j in with_override:
            merged.error(
                "OVERRIDE_SOURCE_HAS_OVERRIDE",
                f'Field "{mf.coordinate}" on subgraph "{source}" is also marked with directive @override in '
                f'subgraph "{target}". Only one @override directive is allowed per field: remove one.',
                [source, target],
                mf.coordinate,
            )
            continue
        from_field = mf.sources.get(j)
        if from_field is None:
            merged.hint(
                "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
                f'Field "{mf.coordinate}" on subgraph "{source}" no longer exists in the from subgraph. '
                "The @override directive can be removed.",
                mf.coordinate,
            )
            continue
        conflict = "requires" if from_field.requires else "provides" if from_field.provides else None
        if conflict is None and merged.metas[i].is_external(f):
            conflict = "external"
        if conflict is not None:
            merged.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'@override cannot be used on field "{mf.coordinate}" on subgraph "{source}" since '
                f'"{mf.coordinate}" is marked with directive "@{conflict}". Remove one of the two directives.',
                [source, target],
                mf.coordinate,
            )
            continue
        from_meta = merged.metas[j]
        if from_meta.is_external(from_field):
            merged.hint("OVERRIDE_DIRECTIVE_CAN_BE_REMOVED", f'Field "{mf.coordinate}" is @external in "{target}".')
        else:
            mf.overridden.add(j)
            if from_field.coordinate in from_meta.used:
                mf.used_overridden.add(j)
            if f.override_label is None:
                merged.hint(
                    "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                    f'Field "{mf.coordinate}" on subgraph "{target}" is overridden. Consider removing it '
                    "(and its references, if any).",
                    mf.coordinate,
                )
        if f.override_label is not None:
            label = f.override_label
            percent = _PERCENT.match(label)
            if _LABEL.match(label) or (percent and 0 <= float(percent[1]) <= 100):
                mf.override_labels[i] = mf.override_labels[j] = label
                merged.hint(
                    "OVERRIDE_MIGRATION_IN_PROGRESS",
                    f'Field "{mf.coordinate}" is currently being migrated with progressive @override. Once the '
                    f'migration is complete, remove the field from subgraph "{target}".',
                    mf.coordinate,
                )
            else:
                merged.error(
                    "OVERRIDE_LABEL_INVALID",
                    f'Invalid @override label "{label}" on field "{mf.coordinate}" on subgraph "{source}": '
                    "labels must start with a letter and after that may contain alphanumerics, underscores, "
                    'minuses, colons, periods, or slashes, or be "percent(x)" with x between 0 and 100.',
                    [source],
                    mf.coordinate,
                )
