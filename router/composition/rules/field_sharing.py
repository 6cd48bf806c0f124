"""A field resolved by several subgraphs must be `@shareable` in all of them; an `@interfaceObject`
resolving a field of an interface resolves it for every implementation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged
    from ..subgraph import Field


def check_field_sharing(merged: Merged) -> Iterator[CompositionError]:
    for t in merged.types.values():
        if t.kind != "object":
            continue
        for f in t.fields.values():
            shareable: list[int] = []
            not_shareable: list[int] = []
            for i, source in f.sources.items():
                if source is None or i in f.overridden:
                    continue
                meta = merged.metas[i]
                if meta.is_fully_external(source):
                    continue
                (shareable if meta.is_shareable(source) else not_shareable).append(i)
            through = _through_interface_objects(merged, t.interfaces, f.name)
            notes = {i: f'through @interfaceObject field "{x.coordinate}"' for i, x in through.items()}
            for i, io_field in through.items():
                (shareable if merged.metas[i].is_shareable(io_field) else not_shareable).append(i)
            if not_shareable and (shareable or len(not_shareable) > 1):
                resolving = sorted(shareable + not_shareable)
                which = merged.names(not_shareable, notes) if shareable else "all of them"
                typo = next((i for i in not_shareable if i in f.unknown_override), None)
                extra = (
                    f' (note that "{f.coordinate}" has an @override in {merged.names([typo])} naming an unknown '
                    "subgraph: check the spelling of @override(from:))"
                    if typo is not None
                    else ""
                )
                yield CompositionError(
                    "INVALID_FIELD_SHARING",
                    f'Non-shareable field "{f.coordinate}" is resolved from multiple subgraphs: it is resolved from '
                    f"{merged.names(resolving, notes)} and defined as non-shareable in {which}{extra}. "
                    "Mark it @shareable "
                    "in every subgraph that resolves it, or resolve it in one subgraph only (use @override to "
                    "move it, or @external to reference it).",
                    tuple(merged.subgraphs[i].name for i in resolving),
                    f.coordinate,
                )


def _through_interface_objects(merged: Merged, interfaces: list[str], name: str) -> dict[int, Field]:
    """By subgraph, the `@interfaceObject` fields that resolve field `name` of the interfaces' implementations."""
    found: dict[int, Field] = {}
    for i, subgraph in enumerate(merged.subgraphs):
        for interface in interfaces:
            io = subgraph.types.get(interface)
            if io is None or not io.interface_object or name not in io.fields:
                continue
            if not merged.metas[i].is_fully_external(io.fields[name]):
                found[i] = io.fields[name]
    return found
