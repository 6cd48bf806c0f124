"""`@provides(fields:)` goes on a field returning an object, and selects `@external` fields of it without arguments."""

from __future__ import annotations

from collections.abc import Iterator

from ..fieldset import resolve_field_set
from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import directive_in_field_set, subgraph_error


def check_provides_fields(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        for f in t.fields.values():
            if f.provides is None:
                continue
            where = f'On field "{f.coordinate}", for @provides(fields: "{f.provides}")'
            if meta.is_external(f):
                yield subgraph_error(
                    subgraph,
                    "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'Cannot have both @provides and @external on field "{f.coordinate}". Remove @external to '
                    "resolve the field here, or remove @provides.",
                    f.coordinate,
                )
                continue
            target = subgraph.types.get(f.type.base)
            if target is None or target.kind not in ("object", "interface", "union"):
                yield subgraph_error(
                    subgraph,
                    "PROVIDES_ON_NON_OBJECT_FIELD",
                    f'{where}: the field returns "{f.type}", which is not an object type. '
                    "Only put @provides on fields returning entities.",
                    f.coordinate,
                )
                continue
            resolved = resolve_field_set(subgraph, target.name, f.provides)
            for problem in resolved.problems:
                yield subgraph_error(
                    subgraph,
                    "PROVIDES_INVALID_FIELDS",
                    f"{where}: {problem}. Declare the provided field in this subgraph with @external.",
                    f.coordinate,
                )
            for problem in resolved.usage_problems:
                yield subgraph_error(
                    subgraph,
                    "PROVIDES_INVALID_FIELDS",
                    f"{where}: {problem}. Fix the field set: no aliases, and argument values that fit the field's definition in this subgraph.",
                    f.coordinate,
                )
            if resolved.problems or resolved.usage_problems:
                continue  # Apollo stops at an invalid field set before checking what it selects
            if resolved.directives:
                yield directive_in_field_set(subgraph, "provides", where, resolved.directives, f.coordinate)
            for selected in resolved.selected:
                if selected.args:
                    yield subgraph_error(
                        subgraph,
                        "PROVIDES_FIELDS_HAS_ARGS",
                        f'{where}: field "{selected.coordinate}" takes arguments, which @provides cannot give. '
                        "Provide only fields without arguments.",
                        selected.coordinate,
                    )
                if selected.parent == target.name and not meta.is_external(selected):
                    yield subgraph_error(
                        subgraph,
                        "PROVIDES_FIELDS_MISSING_EXTERNAL",
                        f'{where}: field "{selected.coordinate}" is already resolved by this subgraph (it is not '
                        "marked @external). Mark it @external or remove it from @provides.",
                        f.coordinate,
                    )
