"""A type only ever written as `extend type` has no definition anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged

ROOTS = frozenset({"Query", "Mutation", "Subscription"})


def check_extension_with_no_base(merged: Merged) -> Iterator[CompositionError]:
    for name in merged.types:
        if name in ROOTS:
            continue
        defs = [s for s in merged.subgraphs if name in s.types]
        if defs and not any(s.types[name].has_definition for s in defs):
            for s in defs:
                yield CompositionError(
                    "EXTENSION_WITH_NO_BASE",
                    f'[{s.name}] Type "{name}" is an extension type, but there is no type definition for "{name}" '
                    f'in any subgraph. Write "type {name}" instead of "extend type {name}" in one subgraph.',
                    (s.name,),
                    name,
                )
