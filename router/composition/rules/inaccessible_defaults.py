"""A default value in the API schema cannot use an `@inaccessible` enum value: clients could not send it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from graphql import EnumValueNode, GraphQLSyntaxError, ListValueNode, ObjectValueNode, ValueNode, parse_value

from ..results import CompositionError
from ..subgraph import Applied

if TYPE_CHECKING:
    from ..merged import Merged
    from ..typeref import TypeRef


def check_inaccessible_defaults(merged: Merged) -> Iterator[CompositionError]:
    for t in merged.types.values():
        if t.is_inaccessible():
            continue
        for f in t.fields.values():
            if _hidden(f.directives):
                continue
            if t.kind == "input" and f.default is not None and f.type is not None:
                yield from _check(merged, t.name, f.coordinate, f.default, f.type)
            for a in f.args.values():
                if a.default is not None and not _hidden(a.directives):
                    yield from _check(merged, t.name, f"{f.coordinate}({a.name}:)", a.default, a.type)


def _hidden(directives: list[Applied]) -> bool:
    return any(d.name == "inaccessible" for d in directives)


def _check(
    merged: Merged, type_name: str, coordinate: str, default: str, type_ref: TypeRef
) -> Iterator[CompositionError]:
    try:
        value = parse_value(default, no_location=True)
    except GraphQLSyntaxError:
        return
    for enum_value in sorted(set(_hidden_enum_values(merged, value, type_ref))):
        indexes = [i for i, s in enumerate(merged.subgraphs) if type_name in s.types]
        subgraphs = tuple(merged.subgraphs[i].name for i in indexes)
        yield CompositionError(
            "DEFAULT_VALUE_USES_INACCESSIBLE",
            f'Enum value "{enum_value}" is @inaccessible but is used in the default value of "{coordinate}", which is '
            f'in the API schema (defined in {merged.names(indexes)}). Change the default, or make "{enum_value}" '
            "accessible.",
            subgraphs,
            coordinate,
        )


def _hidden_enum_values(merged: Merged, value: ValueNode, type_ref: TypeRef) -> Iterator[str]:
    inner = type_ref.non_null_of or type_ref.list_of
    if inner is not None:
        for item in value.values if isinstance(value, ListValueNode) else (value,):
            yield from _hidden_enum_values(merged, item, inner)
        return
    t = merged.types.get(str(type_ref.name))
    if t is None:
        return
    if t.kind == "enum" and isinstance(value, EnumValueNode):
        enum_value = t.values.get(value.value)
        if enum_value is not None and _hidden(enum_value.directives):
            yield f"{t.name}.{value.value}"
    elif t.kind == "input" and isinstance(value, ObjectValueNode):
        for field_node in value.fields:
            input_field = t.fields.get(field_node.name.value)
            if input_field is not None and input_field.type is not None:
                yield from _hidden_enum_values(merged, field_node.value, input_field.type)
