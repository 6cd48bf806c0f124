"""Field sets (`@key(fields:)`, `@requires`, `@provides`): parsing and resolving them against a subgraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import FieldNode, GraphQLSyntaxError, InlineFragmentNode, SelectionSetNode, parse, print_ast

from .subgraph import Field, Subgraph, TypeDef
from .values import argument_problems

__all__ = ["ResolvedFieldSet", "resolve_field_set"]

COMPOSITE = ("object", "interface", "union")


@dataclass
class ResolvedFieldSet:
    """What a field set selects: `selected` are the fields written, `targets` adds the same-named
    fields of interface implementations. `problems` say why the set is invalid, if it is (a field
    that is not there, a missing selection); `usage_problems` why it uses existing fields in a way
    no field set may (aliases, argument values that do not fit); `directives` are the directive
    applications written in it, which no field set may have either."""

    selected: list[Field] = field(default_factory=list)
    targets: list[Field] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    usage_problems: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)


def resolve_field_set(subgraph: Subgraph, type_name: str, text: str) -> ResolvedFieldSet:
    result = ResolvedFieldSet()
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLSyntaxError as e:
        result.problems.append(f'the field set "{text}" is not valid GraphQL ({e.message})')
        return result
    operation = document.definitions[0]
    selection_set = getattr(operation, "selection_set", None)
    parent = subgraph.types.get(type_name)
    if parent is None or selection_set is None:
        result.problems.append(f'type "{type_name}" is not defined in this subgraph')
        return result
    _walk(subgraph, parent, selection_set, result)
    return result


def _walk(subgraph: Subgraph, parent: TypeDef, selection_set: SelectionSetNode, result: ResolvedFieldSet) -> None:
    for selection in selection_set.selections:
        result.directives.extend(print_ast(d) for d in selection.directives or ())
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            target = subgraph.types.get(condition.name.value) if condition else parent
            if target is None:
                result.problems.append(f'unknown type condition "{condition.name.value if condition else "?"}"')
                continue
            _walk(subgraph, target, selection.selection_set, result)
            continue
        if not isinstance(selection, FieldNode):
            result.problems.append("fragment spreads are not allowed in field sets")
            continue
        name = selection.name.value
        if name == "__typename":
            continue
        f = parent.fields.get(name)
        if f is None or parent.kind not in COMPOSITE:
            result.problems.append(f'there is no field "{name}" on type "{parent.name}" in this subgraph')
            continue
        result.selected.append(f)
        result.targets.append(f)
        if parent.kind == "interface":
            for impl in subgraph.implementations(parent.name):
                if name in impl.fields:
                    result.targets.append(impl.fields[name])
        if selection.alias is not None:
            result.usage_problems.append(
                f'field sets cannot use aliases (as "{selection.alias.value}" for "{f.coordinate}")'
            )
        given = {a.name.value: a.value for a in selection.arguments or ()}
        result.usage_problems.extend(argument_problems(f.coordinate, f.args, given, subgraph.types.get))
        child = subgraph.types.get(f.type.base)
        is_composite = child is not None and child.kind in COMPOSITE
        if selection.selection_set is not None:
            if child is None or not is_composite:
                result.problems.append(f'field "{f.coordinate}" is a leaf and cannot have a selection')
                continue
            _walk(subgraph, child, selection.selection_set, result)
        elif is_composite:
            result.problems.append(f'field "{f.coordinate}" of type "{f.type}" must have a selection of subfields')
