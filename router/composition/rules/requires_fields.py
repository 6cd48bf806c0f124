"""`@requires(fields:)` must select fields of the entity that this subgraph marks `@external`."""

from __future__ import annotations

from collections.abc import Iterator

from ..fieldset import resolve_field_set
from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import directive_in_field_set, subgraph_error


def check_requires_fields(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        for f in t.fields.values():
            if f.requires is None:
                continue
            where = f'On field "{f.coordinate}", for @requires(fields: "{f.requires}")'
            resolved = resolve_field_set(subgraph, t.name, f.requires)
            for problem in resolved.problems:
                yield subgraph_error(
                    subgraph,
                    "REQUIRES_INVALID_FIELDS",
                    f"{where}: {problem}. Declare the required field in this subgraph with @external.",
                    f.coordinate,
                )
            for problem in resolved.usage_problems:
                yield subgraph_error(
                    subgraph,
                    "REQUIRES_INVALID_FIELDS",
                    f"{where}: {problem}. Fix the field set: no aliases, and argument values that fit the field's definition in this subgraph.",
                    f.coordinate,
                )
            if resolved.problems or resolved.usage_problems:
                continue  # Apollo stops at an invalid field set before checking what it selects
            if resolved.directives:
                yield directive_in_field_set(subgraph, "requires", where, resolved.directives, f.coordinate)
            for selected in resolved.selected:
                if selected.parent == t.name and not meta.is_external(selected) and not t.interface_object:
                    yield subgraph_error(
                        subgraph,
                        "REQUIRES_FIELDS_MISSING_EXTERNAL",
                        f'{where}: field "{selected.coordinate}" is resolved by this subgraph (it is not '
                        "marked @external), so it cannot be required. Mark it @external or remove it "
                        "from @requires.",
                        f.coordinate,
                    )
