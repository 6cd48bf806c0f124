"""`@authenticated` and `@requiresScopes` cannot be applied to interfaces, their fields or interface
objects: composition carries the implementations' requirements up to the interface instead."""

from __future__ import annotations

from collections.abc import Iterator

from ..merge_strategies import ACCESS_CONTROL
from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_auth_on_interfaces(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.kind != "interface" and not t.interface_object:
            continue
        kind = "interface" if t.kind == "interface" else "interface object"
        elements = [(kind, t.name, t.directives)]
        if t.kind == "interface":
            elements += [("field", f.coordinate, f.directives) for f in t.fields.values()]
        for what, coordinate, directives in elements:
            for name in ACCESS_CONTROL:
                if any(d.name == name for d in directives):
                    yield subgraph_error(
                        subgraph,
                        "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
                        f'Invalid use of @{name} on {what} "{coordinate}": @{name} cannot be applied on interfaces, '
                        "interface fields and interface objects. Put it on the implementations: composition "
                        "gives the interface what they require.",
                        coordinate,
                    )
