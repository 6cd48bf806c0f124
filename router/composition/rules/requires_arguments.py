"""Arguments a `@requires` passes must still fit the merged field: arguments survive merging only
where every resolving subgraph has them, and one subgraph requiring an argument makes it required."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from graphql import (
    FieldNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    SelectionSetNode,
    StringValueNode,
    parse,
    print_ast,
)

from ..merged import Merged
from ..results import CompositionError
from ..subgraph import Argument

__all__ = ["check_requires_arguments"]

# (argument, field coordinate, whether another subgraph's argument (None: absent) conflicts, message)
Mismatch = tuple[str, str, Callable[[Argument | None], bool], str]


def check_requires_arguments(merged: Merged) -> Iterator[CompositionError]:
    for subgraph in merged.subgraphs:
        for t in subgraph.types.values():
            for f in t.fields.values():
                if f.requires is None:
                    continue
                mismatch = _first_mismatch(merged, t.name, f.requires)
                if mismatch is None:
                    continue
                argument, field, conflicts, message = mismatch
                parent, _, name = field.partition(".")
                others = [
                    i
                    for i, other in enumerate(merged.subgraphs)
                    if other is not subgraph
                    and name in (fields := getattr(other.types.get(parent), "fields", {}))
                    and conflicts(fields[name].args.get(argument))
                ]
                printed = print_ast(StringValueNode(value=f.requires))
                yield CompositionError(
                    "REQUIRES_INVALID_FIELDS",
                    f'[{subgraph.name}] On field "{f.coordinate}", for @requires(fields: {printed}): '
                    + message.format(where=merged.names(others)),
                    (subgraph.name, *(merged.subgraphs[i].name for i in others)),
                    f.coordinate,
                )


def _first_mismatch(merged: Merged, type_name: str, text: str) -> Mismatch | None:
    """Like Apollo, an unknown argument anywhere in the set is found before a missing value."""
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLSyntaxError:
        return None  # the subgraph rules have reported it
    unknown: list[Mismatch] = []
    missing: list[Mismatch] = []
    selection_set = getattr(document.definitions[0], "selection_set", None)
    if selection_set is not None:
        _walk(merged, type_name, selection_set, unknown, missing)
    return next(iter(unknown + missing), None)


def _walk(
    merged: Merged, type_name: str, selection_set: SelectionSetNode, unknown: list[Mismatch], missing: list[Mismatch]
) -> None:
    parent = merged.types.get(type_name)
    for selection in selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            _walk(merged, condition.name.value if condition else type_name, selection.selection_set, unknown, missing)
            continue
        if not isinstance(selection, FieldNode) or parent is None:
            continue
        mf = parent.fields.get(selection.name.value)
        if mf is None:
            continue
        given = {a.name.value for a in selection.arguments or ()}
        for name in given - mf.args.keys():
            unknown.append(
                (
                    name,
                    mf.coordinate,
                    lambda a: a is None,
                    f'cannot provide a value for argument "{name}" of field "{mf.coordinate}" as argument '
                    f'"{name}" is not defined in {{where}}. Add the argument there, or stop passing it.',
                )
            )
        for name, ma in mf.args.items():
            if name not in given and ma.type.is_non_null and ma.default is None:
                missing.append(
                    (
                        name,
                        mf.coordinate,
                        lambda a: a is not None and a.type.is_non_null and a.default is None,
                        f'no value provided for argument "{name}" of field "{mf.coordinate}" but a value is '
                        f'mandatory as "{name}" is required in {{where}}. Pass a value for it, or make it '
                        "optional there.",
                    )
                )
        if selection.selection_set is not None and mf.type is not None:
            _walk(merged, mf.type.base, selection.selection_set, unknown, missing)
