"""Field sets the planner adds itself (keys, `@requires`): copy them into builders, alias them safely.

A field the planner adds must not share a response key with a different client field (the client
may alias `id: title`), and a required field with arguments must not clash with the client's
own selection of that field: such fields get an internal alias. Representations then read the
aliased key and send it under the field's name (the `requires` selection carries the alias).
"""

from __future__ import annotations

from graphql import FieldNode, InlineFragmentNode, NameNode, SelectionNode, SelectionSetNode, print_ast

from router.planning.operation import FieldSel, Sel
from router.planning.selection_builder import SelectionBuilder

__all__ = ["InternalAliases", "add_field_set", "client_aliases", "sent_fields"]


def client_aliases(selections: list[Sel]) -> set[str]:
    """Every response key the client uses for a field of another name, or for a field with arguments
    (a required `price` beside the client's `price(currency: $c)` must not share the key `price`)."""
    found: set[str] = set()
    for sel in selections:
        if isinstance(sel, FieldSel):
            if sel.alias and sel.alias != sel.name:
                found.add(sel.alias)
            elif sel.arguments:
                found.add(sel.name)
            if sel.selections:
                found |= client_aliases(sel.selections)
        else:
            found |= client_aliases(sel.selections)
    return found


class InternalAliases:
    def __init__(self, shadowed: set[str]) -> None:
        self.shadowed = shadowed
        self._by_signature: dict[str, str] = {}

    def apply(self, selection_set: SelectionSetNode) -> SelectionSetNode:
        """A copy of the field set with an internal alias on every field that could clash."""
        selections: list[SelectionNode] = []
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                sub = self.apply(node.selection_set) if node.selection_set else None
                alias = node.alias
                if alias is None and (node.name.value in self.shadowed or node.arguments):
                    alias = NameNode(value=self._alias(node))
                selections.append(
                    FieldNode(
                        alias=alias,
                        name=node.name,
                        arguments=node.arguments,
                        directives=node.directives,
                        selection_set=sub,
                    )
                )
            elif isinstance(node, InlineFragmentNode):
                selections.append(
                    InlineFragmentNode(
                        type_condition=node.type_condition,
                        directives=node.directives,
                        selection_set=self.apply(node.selection_set),
                    )
                )
        return SelectionSetNode(selections=tuple(selections))

    def _alias(self, node: FieldNode) -> str:
        signature = node.name.value + " ".join(print_ast(a) for a in node.arguments or ())
        if signature not in self._by_signature:
            self._by_signature[signature] = f"_gq{len(self._by_signature)}_{node.name.value}"
        return self._by_signature[signature]


def add_field_set(builder: SelectionBuilder, selection_set: SelectionSetNode) -> None:
    """Copy a field set (key, requires) into a builder."""
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            child = builder.add_field(
                node.name.value,
                alias=node.alias.value if node.alias else None,
                arguments=tuple(node.arguments or ()),
                composite=node.selection_set is not None,
            )
            if child is not None and node.selection_set is not None:
                add_field_set(child, node.selection_set)
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else None
            add_field_set(builder.add_fragment(condition), node.selection_set)


def sent_fields(selection_set: SelectionSetNode, prefix: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Each field of a field set by its names down from `prefix`, with the response key it is read from."""
    found: dict[tuple[str, ...], str] = {}
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            path = (*prefix, node.name.value)
            found[path] = node.alias.value if node.alias else node.name.value
            if node.selection_set is not None:
                found.update(sent_fields(node.selection_set, path))
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else ""
            found.update(sent_fields(node.selection_set, (*prefix, f"... on {condition}")))
    return found
