"""`@cost` and `@listSize` where they mean something: `@cost` not on interface fields, `@listSize` on
lists (or on a field whose `sizedFields` are lists), with a non-negative `assumedSize` and `Int`
slicing arguments."""

from __future__ import annotations

from collections.abc import Iterator

from ..merge_strategies import arguments_of
from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Applied, Field, Subgraph
from .base import subgraph_error


def check_cost_directives(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        for f in t.fields.values():
            for directive in f.directives:
                if directive.name == "cost" and t.kind == "interface":
                    yield subgraph_error(
                        subgraph,
                        "COST_APPLIED_TO_INTERFACE_FIELD",
                        f'@cost cannot be applied to interface "{f.coordinate}". Put it on the implementations\' '
                        "fields.",
                        f.coordinate,
                    )
                elif directive.name == "listSize":
                    yield from _list_size(subgraph, f, directive)


def _list_size(subgraph: Subgraph, f: Field, directive: Applied) -> Iterator[CompositionError]:
    args = arguments_of(directive)
    sized = args.get("sizedFields") or []
    if not sized and not f.type.is_list:
        yield _error(subgraph, "LIST_SIZE_APPLIED_TO_NON_LIST", f'"{f.coordinate}" is not a list', f)
    assumed = args.get("assumedSize")
    if isinstance(assumed, int) and assumed < 0:
        yield _error(
            subgraph, "LIST_SIZE_INVALID_ASSUMED_SIZE", f'Assumed size of "{f.coordinate}" cannot be negative', f
        )
    for name in args.get("slicingArguments") or []:
        argument = f.args.get(name)
        if argument is None:
            message = f'Slicing argument "{name}" is not an argument of "{f.coordinate}"'
            yield _error(subgraph, "LIST_SIZE_INVALID_SLICING_ARGUMENT", message, f)
        elif str(argument.type) not in ("Int", "Int!"):
            message = f'Slicing argument "{f.coordinate}({name}:)" must be Int or Int!'
            yield _error(subgraph, "LIST_SIZE_INVALID_SLICING_ARGUMENT", message, f)
    if not sized:
        return
    target = subgraph.types.get(f.type.base)
    if target is None or target.kind not in ("object", "interface", "union"):
        message = f'Sized fields cannot be used because "{f.type}" is not a composite type'
        yield _error(subgraph, "LIST_SIZE_INVALID_SIZED_FIELD", message, f)
        return
    for name in sized:
        sized_field = target.fields.get(name)
        if sized_field is None:
            message = f'Sized field "{name}" is not a field on type "{target.name}"'
            yield _error(subgraph, "LIST_SIZE_INVALID_SIZED_FIELD", message, f)
        elif not sized_field.type.is_list:
            message = f'Sized field "{sized_field.coordinate}" is not a list'
            yield _error(subgraph, "LIST_SIZE_APPLIED_TO_NON_LIST", message, f)


def _error(subgraph: Subgraph, code: str, message: str, f: Field) -> CompositionError:
    return subgraph_error(
        subgraph, code, f'{message} (@listSize on "{f.coordinate}"). Fix or remove the @listSize there.', f.coordinate
    )
