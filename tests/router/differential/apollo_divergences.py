"""Places where Apollo Gateway 2.14 answers wrongly and our router deliberately does not follow."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    Visitor,
    parse,
    visit,
)

__all__ = ["INTERFACE_OBJECT_TYPENAME", "REQUIRES_WITH_ARGUMENTS", "apollo_is_wrong"]

REQUIRES_WITH_ARGUMENTS = (
    "when the client selects a field that a @requires also needs with other arguments, Apollo mixes "
    "the two values up (the required value answers the client, or the client's feeds the @requires)"
)
INTERFACE_OBJECT_TYPENAME = (
    "a fragment on a concrete type that selects both __typename and a field of an @interfaceObject "
    "subgraph comes back empty from Apollo (its __typename is overwritten with the interface's name)"
)

# Fields that @interfaceObject subgraphs add, and the concrete types behind them, per scenario.
_INTERFACE_OBJECT_FIELDS = {
    "s17_interface_object": ({"Book", "Movie"}, {"rating"}),
    "s18_entity_interface_fields": ({"Person", "Shop"}, {"mannerTemperature", "badges"}),
    "s43_interface_object_typename": ({"User", "Shop"}, {"rating"}),
    **{
        name: ({"User", "Shop"}, {"trust"})  # random_scenarios.py
        for name in (
            "s47_random_federation_seed1",
            "s48_random_federation_seed3",
            "s49_random_federation_seed10",
        )
    },
}


def apollo_is_wrong(scenario_name: str, query: str) -> str | None:
    """Why Apollo Gateway 2.14 answers this query wrongly, when it is a known case."""
    if scenario_name == "s05_requires_with_arguments" and "vatKrw" in query and "price(" in query:
        return REQUIRES_WITH_ARGUMENTS
    if (
        scenario_name == "s45_requires_argument_sets"
        and ("usdLabel" in query or "eurLabel" in query)
        and ("price(" in query or ("usdLabel" in query and "eurLabel" in query))
    ):
        return REQUIRES_WITH_ARGUMENTS
    if scenario_name in _INTERFACE_OBJECT_FIELDS:
        types, fields = _INTERFACE_OBJECT_FIELDS[scenario_name]
        document = parse(query)
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        for node in _inline_fragments(document):
            if node.type_condition and node.type_condition.name.value in types:
                names = _field_names(node.selection_set, fragments)
                if "__typename" in names and names & fields:
                    return INTERFACE_OBJECT_TYPENAME
    return None


def _inline_fragments(document: DocumentNode) -> list[InlineFragmentNode]:
    found: list[InlineFragmentNode] = []

    class Collect(Visitor):
        def enter_inline_fragment(self, node: InlineFragmentNode, *_: object) -> None:
            found.append(node)

    visit(document, Collect())
    return found


def _field_names(selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]) -> set[str]:
    """Field names selected directly at this level, looking through fragment spreads."""
    names: set[str] = set()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            names |= _field_names(fragments[selection.name.value].selection_set, fragments)
        elif isinstance(selection, InlineFragmentNode):
            names |= _field_names(selection.selection_set, fragments)
    return names
