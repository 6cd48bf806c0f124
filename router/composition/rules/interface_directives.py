"""Interfaces cannot carry what only makes sense on objects: `@shareable`, `@override`, `@requires`
and `@provides` on their fields, or a `@key` before federation v2.3."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_interface_directives(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.kind != "interface":
            continue
        if t.keys and subgraph.version < (2, 3):
            yield subgraph_error(
                subgraph,
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @key on interface "{t.name}": @key is not yet supported on interfaces before '
                "federation v2.3. Link federation v2.3 or later, or put the key on the implementations.",
                t.name,
            )
        for f in t.fields.values():
            if f.shareable:
                yield subgraph_error(
                    subgraph,
                    "INVALID_SHAREABLE_USAGE",
                    f'Invalid use of @shareable on field "{f.coordinate}": only object type fields can be marked '
                    "with @shareable. Remove it here and mark the implementations' fields.",
                    f.coordinate,
                )
            if f.override_from is not None:
                yield CompositionError(
                    "OVERRIDE_ON_INTERFACE",
                    f'@override cannot be used on field "{f.coordinate}" on subgraph "{subgraph.name}": @override is '
                    "not supported on interface type fields. Put @override on the implementations' fields.",
                    (subgraph.name,),
                    f.coordinate,
                )
            for directive, fields in (("requires", f.requires), ("provides", f.provides)):
                if fields is not None:
                    yield subgraph_error(
                        subgraph,
                        f"{directive.upper()}_UNSUPPORTED_ON_INTERFACE",
                        f'Cannot use @{directive} on field "{f.coordinate}" of parent type "{t.name}": @{directive} '
                        "is not yet supported within interfaces. Put it on the implementations' fields instead.",
                        f.coordinate,
                    )
