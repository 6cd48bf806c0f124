"""Plan pass: a subgraph operation valid in that subgraph's own schema, where response shapes differ.

GraphQL rejects one response key for fields of different types even in fragments on different
object types (`... on Book { id }` with `ID!`, `... on Movie { id }` with `ID`: "fields conflict").
The supergraph may merge those into one type, so the planner's selection can hit this only in the
subgraph. The later fields get an internal alias, and the fetch carries a `KeyRenamer` per alias so
the executor puts each value back under the client's key before merging.
"""

from __future__ import annotations

from collections.abc import Callable

from graphql import FieldNode, InlineFragmentNode, NameNode, SelectionNode, SelectionSetNode

from router.planning.plan_nodes import KeyRenamer

__all__ = ["FieldTypes", "align_response_shapes"]

FieldTypes = Callable[[str, str], tuple[str, str | None] | None]
"""(parent type, field) -> (the field's type as the subgraph declares it, its named type if composite)."""


def align_response_shapes(
    selection_set: SelectionSetNode, parent: str | None, field_types: FieldTypes
) -> tuple[SelectionSetNode, tuple[KeyRenamer, ...]]:
    """The selection with conflicting same-key fields aliased, and the renames that undo it (outer
    before inner: paths name the keys as the subgraph answers, so apply them in reverse order).

    `parent` is the type the selection is on (None under `_entities`, where every selection is a
    fragment on an entity type)."""
    aligner = _Aligner(field_types)
    aligned = aligner.selection_set(selection_set, parent, ())
    return aligned, tuple(aligner.renames)


class _Aligner:
    def __init__(self, field_types: FieldTypes) -> None:
        self.field_types = field_types
        self.renames: list[KeyRenamer] = []

    def selection_set(self, node: SelectionSetNode, parent: str | None, path: tuple[str, ...]) -> SelectionSetNode:
        first_type: dict[str, str] = {}  # response key -> type of its first field in scope
        aliases: dict[tuple[str, str], str] = {}  # (parent type, response key) -> alias
        for field_parent, field in _fields_in_scope(node, parent):
            key = _key(field)
            found = self.field_types(field_parent, field.name.value) if key != "__typename" else None
            if found is None:
                continue
            if first_type.setdefault(key, found[0]) != found[0] and (field_parent, key) not in aliases:
                aliases[(field_parent, key)] = f"_gqs{len(self.renames) + len(aliases)}_{key}"
        if not aliases:
            return self._children(node, parent, path, {})
        for (field_parent, key), alias in aliases.items():
            self.renames.append(KeyRenamer(path=path, type_condition=field_parent, from_key=alias, to_key=key))
        aligned = self._children(node, parent, path, aliases)
        if not any(isinstance(s, FieldNode) and _key(s) == "__typename" for s in aligned.selections):
            # The renames look at each object's type: make sure the subgraph says it.
            typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
            aligned = SelectionSetNode(selections=(typename, *aligned.selections))
        return aligned

    def _children(
        self,
        node: SelectionSetNode,
        parent: str | None,
        path: tuple[str, ...],
        aliases: dict[tuple[str, str], str],
    ) -> SelectionSetNode:
        selections: list[SelectionNode] = []
        for selection in node.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else parent
                inner = self._children(selection.selection_set, condition, path, aliases)
                selections.append(
                    InlineFragmentNode(
                        type_condition=selection.type_condition,
                        directives=selection.directives,
                        selection_set=inner,
                    )
                )
            elif isinstance(selection, FieldNode):
                key = _key(selection)
                alias = aliases.get((parent, key)) if parent is not None else None
                sub = selection.selection_set
                if sub is not None and parent is not None:
                    found = self.field_types(parent, selection.name.value)
                    if found is not None and found[1] is not None:
                        sub = self.selection_set(sub, found[1], (*path, alias or key))
                selections.append(
                    FieldNode(
                        alias=NameNode(value=alias) if alias else selection.alias,
                        name=selection.name,
                        arguments=selection.arguments,
                        directives=selection.directives,
                        selection_set=sub,
                    )
                )
            else:
                selections.append(selection)
        return SelectionSetNode(selections=tuple(selections))


def _fields_in_scope(node: SelectionSetNode, parent: str | None) -> list[tuple[str, FieldNode]]:
    """(parent type, field) for the fields of this level, looking through inline fragments."""
    found: list[tuple[str, FieldNode]] = []
    for selection in node.selections:
        if isinstance(selection, FieldNode) and parent is not None:
            found.append((parent, selection))
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else parent
            found.extend(_fields_in_scope(selection.selection_set, condition))
    return found


def _key(field: FieldNode) -> str:
    return field.alias.value if field.alias else field.name.value
