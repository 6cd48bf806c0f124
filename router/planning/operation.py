"""Normalise the client operation into a selection tree: named fragments become inline fragments."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

__all__ = ["FieldSel", "FragmentSel", "PlanningError", "Sel", "fragments_of", "from_selection_set", "select_operation"]


class PlanningError(Exception):
    """The operation cannot be planned over this supergraph."""


@dataclass(kw_only=True)
class FieldSel:
    name: str
    alias: str | None = None
    arguments: tuple[ArgumentNode, ...] = ()
    directives: tuple[DirectiveNode, ...] = ()
    selections: list[Sel] | None = None

    @property
    def response_key(self) -> str:
        return self.alias or self.name


@dataclass(kw_only=True)
class FragmentSel:
    """An inline fragment; `type_condition` None means the enclosing type (used for directives)."""

    type_condition: str | None
    directives: tuple[DirectiveNode, ...] = ()
    selections: list[Sel] = field(default_factory=list)


Sel = FieldSel | FragmentSel


def select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) != 1:
            raise PlanningError("an operation name is required when the document has several operations")
        return operations[0]
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    raise PlanningError(f'unknown operation named "{operation_name}"')


def _static(directives: tuple[DirectiveNode, ...]) -> tuple[DirectiveNode, ...] | None:
    """Apply `@skip`/`@include` with literal arguments: None when excluded, else what remains."""
    remaining = []
    for directive in directives:
        if directive.name.value in ("skip", "include"):
            argument = next((a for a in directive.arguments or () if a.name.value == "if"), None)
            if argument is not None and isinstance(argument.value, BooleanValueNode):
                if argument.value.value == (directive.name.value == "skip"):
                    return None
                continue
        remaining.append(directive)
    return tuple(remaining)


MAX_EXPANDED_SELECTIONS = 20_000


def from_selection_set(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode] | None = None
) -> list[Sel]:
    """Convert an AST selection set (an operation's or a field set's) into the selection tree.

    Raises PlanningError when inlining fragments would exceed `MAX_EXPANDED_SELECTIONS` (a few
    small fragments spreading each other twice grow exponentially).
    """
    return _Expansion(fragments or {}).convert(selection_set)


class _Expansion:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.remaining = MAX_EXPANDED_SELECTIONS

    def convert(self, selection_set: SelectionSetNode) -> list[Sel]:
        self.remaining -= len(selection_set.selections)
        if self.remaining < 0:
            raise PlanningError(
                f"the operation has more than {MAX_EXPANDED_SELECTIONS} selections once its fragments are inlined"
            )
        result: list[Sel] = []
        for selection in selection_set.selections:
            directives = _static(tuple(selection.directives or ()))
            if directives is None:
                continue
            if isinstance(selection, FieldNode):
                result.append(
                    FieldSel(
                        name=selection.name.value,
                        alias=selection.alias.value if selection.alias else None,
                        arguments=tuple(selection.arguments or ()),
                        directives=directives,
                        selections=self.convert(selection.selection_set) if selection.selection_set else None,
                    )
                )
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                result.append(
                    FragmentSel(
                        type_condition=condition,
                        directives=directives,
                        selections=self.convert(selection.selection_set),
                    )
                )
            elif isinstance(selection, FragmentSpreadNode):
                definition = self.fragments.get(selection.name.value)
                if definition is None:
                    raise PlanningError(f'unknown fragment "{selection.name.value}"')
                result.append(
                    FragmentSel(
                        type_condition=definition.type_condition.name.value,
                        directives=directives,
                        selections=self.convert(definition.selection_set),
                    )
                )
        return result


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
