"""Every field of an interface must exist on each type implementing it in the supergraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged


def check_interface_field_implementations(merged: Merged) -> Iterator[CompositionError]:
    for t in merged.types.values():
        if t.kind not in ("object", "interface"):
            continue
        for iface_name in t.interfaces:
            iface = merged.types.get(iface_name)
            if iface is None:
                continue
            for name in iface.fields:
                if name in t.fields:
                    continue
                with_field = [
                    i
                    for i, s in enumerate(merged.subgraphs)
                    if iface_name in s.types and name in s.types[iface_name].fields
                ]
                implementing = [
                    i
                    for i, s in enumerate(merged.subgraphs)
                    if t.name in s.types and iface_name in s.types[t.name].interfaces
                ]
                yield CompositionError(
                    "INTERFACE_FIELD_NO_IMPLEM",
                    f'Interface field "{iface_name}.{name}" is declared in {merged.names(with_field)} but type '
                    f'"{t.name}", which implements "{iface_name}" only in {merged.names(implementing)} does not '
                    f'have field "{name}". Add "{name}" to "{t.name}" in a subgraph that defines it.',
                    tuple(merged.subgraphs[i].name for i in sorted(set(with_field + implementing))),
                    f"{t.name}.{name}",
                )
