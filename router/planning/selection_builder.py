"""A mutable selection set for a subgraph operation under construction; merges equal selections."""

from __future__ import annotations

from collections.abc import Sequence

from graphql import (
    ArgumentNode,
    DirectiveNode,
    FieldNode,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    SelectionNode,
    SelectionSetNode,
    print_ast,
)

__all__ = ["SelectionBuilder"]


def _signature(nodes: Sequence[ArgumentNode | DirectiveNode]) -> str:
    return " ".join(print_ast(node) for node in nodes)


class _FieldEntry:
    def __init__(
        self, name: str, alias: str | None, arguments: tuple[ArgumentNode, ...], directives: tuple[DirectiveNode, ...]
    ) -> None:
        self.name = name
        self.alias = alias
        self.arguments = arguments
        self.directives = directives
        self.children: SelectionBuilder | None = None


class _FragmentEntry:
    def __init__(self, type_condition: str | None, directives: tuple[DirectiveNode, ...]) -> None:
        self.type_condition = type_condition
        self.directives = directives
        self.children = SelectionBuilder()


def _is_plain_typename(entry: _FieldEntry | _FragmentEntry) -> bool:
    return isinstance(entry, _FieldEntry) and entry.name == "__typename" and not entry.alias and not entry.directives


class SelectionBuilder:
    """Ordered fields and inline fragments; adding the same one twice returns the existing entry."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], _FieldEntry | _FragmentEntry] = {}

    def __bool__(self) -> bool:
        return bool(self._entries)

    def add_field(
        self,
        name: str,
        *,
        alias: str | None = None,
        arguments: tuple[ArgumentNode, ...] = (),
        directives: tuple[DirectiveNode, ...] = (),
        composite: bool = False,
    ) -> SelectionBuilder | None:
        """Add a field; for a composite field return the builder of its sub-selection."""
        if alias == name:
            alias = None
        key = ("field", alias or name, name, _signature(arguments), _signature(directives))
        entry = self._entries.get(key)
        if entry is None:
            entry = _FieldEntry(name, alias, arguments, directives)
            self._entries[key] = entry
        assert isinstance(entry, _FieldEntry)
        if composite and entry.children is None:
            entry.children = SelectionBuilder()
        return entry.children

    def add_fragment(self, type_condition: str | None, directives: tuple[DirectiveNode, ...] = ()) -> SelectionBuilder:
        key = ("fragment", type_condition or "", _signature(directives))
        entry = self._entries.get(key)
        if entry is None:
            entry = _FragmentEntry(type_condition, directives)
            self._entries[key] = entry
        assert isinstance(entry, _FragmentEntry)
        return entry.children

    def to_ast(self) -> SelectionSetNode:
        selections: list[SelectionNode] = []
        # A plain __typename first, as Apollo prints it: easier to read next to its plans.
        entries = sorted(self._entries.values(), key=lambda e: not _is_plain_typename(e))
        for entry in entries:
            if isinstance(entry, _FieldEntry):
                if entry.children is not None and not entry.children:
                    entry.children.add_field("__typename")
                selections.append(
                    FieldNode(
                        alias=NameNode(value=entry.alias) if entry.alias else None,
                        name=NameNode(value=entry.name),
                        arguments=entry.arguments,
                        directives=entry.directives,
                        selection_set=entry.children.to_ast() if entry.children is not None else None,
                    )
                )
            elif entry.children:
                selections.append(
                    InlineFragmentNode(
                        type_condition=NamedTypeNode(name=NameNode(value=entry.type_condition))
                        if entry.type_condition
                        else None,
                        directives=entry.directives,
                        selection_set=entry.children.to_ast(),
                    )
                )
        return SelectionSetNode(selections=tuple(selections))
