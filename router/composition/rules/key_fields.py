"""`@key(fields:)` must select existing fields, without arguments, and no interface or union field."""

from __future__ import annotations

from collections.abc import Iterator

from ..fieldset import resolve_field_set
from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import directive_in_field_set, subgraph_error


def check_key_fields(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        for key in t.keys:
            where = f'On type "{t.name}", for @key(fields: "{key.fields}")'
            resolved = resolve_field_set(subgraph, t.name, key.fields)
            for problem in resolved.problems:
                yield subgraph_error(
                    subgraph,
                    "KEY_INVALID_FIELDS",
                    f"{where}: {problem}. Fix the field set, or add the field to this subgraph's "
                    f'"{t.name}" (with @external if another subgraph resolves it).',
                    t.name,
                )
            for problem in resolved.usage_problems:
                yield subgraph_error(
                    subgraph,
                    "KEY_INVALID_FIELDS",
                    f"{where}: {problem}. Fix the field set: no aliases, and argument values that fit the field's definition in this subgraph.",
                    t.name,
                )
            # Apollo checks the types of key fields while reading the set, and their arguments after.
            valid = not (resolved.problems or resolved.usage_problems)
            if valid and resolved.directives:
                yield directive_in_field_set(subgraph, "key", where, resolved.directives, t.name)
            for f in resolved.selected:
                if f.args and valid:
                    yield subgraph_error(
                        subgraph,
                        "KEY_FIELDS_HAS_ARGS",
                        f'{where}: field "{f.coordinate}" takes arguments, which a @key cannot give. '
                        "Use a field without arguments in the key.",
                        f.coordinate,
                    )
                target = subgraph.types.get(f.type.base)
                if target is not None and target.effective_kind in ("interface", "union"):
                    bad = "an interface" if target.effective_kind == "interface" else "a union"
                    yield subgraph_error(
                        subgraph,
                        "KEY_FIELDS_SELECT_INVALID_TYPE",
                        f'{where}: field "{f.coordinate}" is {bad} type ("{f.type}"), which cannot be part '
                        "of a @key. Key on scalar, enum or object fields that identify the entity.",
                        f.coordinate,
                    )
