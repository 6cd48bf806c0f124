"""A `@key` on an interface must be on every implementation in that subgraph, resolvable if it is."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLSyntaxError, parse, print_ast

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def _normalised(fields: str) -> str:
    try:
        return print_ast(parse("{" + fields + "}", no_location=True))
    except GraphQLSyntaxError:
        return fields  # the key rules report it


def _listed(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return ("type " if len(quoted) == 1 else "types ") + (
        quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    )


def check_interface_key_on_implementations(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.kind != "interface":
            continue
        implementations = subgraph.implementations(t.name)
        for key in t.keys:
            fields = _normalised(key.fields)
            missing, not_resolvable = [], []
            for impl in implementations:
                same = next((k for k in impl.keys if _normalised(k.fields) == fields), None)
                if same is None:
                    missing.append(impl.name)
                elif key.resolvable and not same.resolvable:
                    not_resolvable.append(impl.name)
            applied = f'@key(fields: "{key.fields}")'
            if missing:
                yield subgraph_error(
                    subgraph,
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key {applied} on interface type "{t.name}" is missing on implementation {_listed(missing)}. '
                    f"Add {applied} to {'it' if len(missing) == 1 else 'them'}.",
                    t.name,
                )
            elif not_resolvable:
                yield subgraph_error(
                    subgraph,
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key {applied} on interface type "{t.name}" should be resolvable on all implementation types, '
                    f'but is declared with argument "@key(resolvable:)" set to false in {_listed(not_resolvable)}. '
                    "Make it resolvable there, or not resolvable on the interface.",
                    t.name,
                )
