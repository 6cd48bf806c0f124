"""Plan pass: entity fetches to one subgraph that run at the same time become one request.

Hive Router's executor does the same (one `_entities` selection per fetch, each under its own alias
with its own representations), which is why it never sends more subgraph requests than we may: a
plan whose same-subgraph fetches sit in one stage costs one request per subgraph and stage.
"""

from __future__ import annotations

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    ListTypeNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableDefinitionNode,
    VariableNode,
    print_ast,
    strip_ignored_characters,
)

from router.planning.plan_nodes import (
    BatchFetchNode,
    ConditionNode,
    FlattenNode,
    PlanNode,
    batch_alias,
    batch_representations,
)

__all__ = ["batch_stage"]


def batch_stage(nodes: list[PlanNode]) -> list[PlanNode]:
    """The nodes of one parallel stage, entity fetches to one subgraph under the same condition (or
    none) merged into a batch (under that condition)."""
    batchable: dict[tuple[str, str | None, bool], list[FlattenNode]] = {}
    for node in nodes:
        found = _entity_fetch(node)
        if found is not None:
            batchable.setdefault(found[0], []).append(found[1])
    result: list[PlanNode] = []
    for node in nodes:
        found = _entity_fetch(node)
        if found is None or len(batchable[found[0]]) == 1:
            result.append(node)
            continue
        (_, variable, included), flatten = found
        siblings = batchable[found[0]]
        if siblings[0] is not flatten:
            continue
        batch: PlanNode = batch_fetch(siblings)
        if variable is not None:
            batch = ConditionNode(
                condition=variable, if_clause=batch if included else None, else_clause=None if included else batch
            )
        result.append(batch)
    return result


def _entity_fetch(node: PlanNode) -> tuple[tuple[str, str | None, bool], FlattenNode] | None:
    """((subgraph, condition variable, fetched when it is true), the Flatten) for an entity fetch."""
    if isinstance(node, FlattenNode):
        return (node.node.service_name, None, True), node
    if isinstance(node, ConditionNode):
        branch = node.if_clause if node.if_clause is not None else node.else_clause
        if isinstance(branch, FlattenNode) and (node.if_clause is None or node.else_clause is None):
            return (branch.node.service_name, node.condition, node.if_clause is not None), branch
    return None


def batch_fetch(entities: list[FlattenNode]) -> BatchFetchNode:
    selections: list[FieldNode] = []
    definitions: list[VariableDefinitionNode] = []
    declared: set[str] = set()
    usages: list[str] = []
    for index, flatten in enumerate(entities):
        operation = flatten.node.document.definitions[0]
        assert isinstance(operation, OperationDefinitionNode)
        entities_field = operation.selection_set.selections[0]
        assert isinstance(entities_field, FieldNode)
        selections.append(
            FieldNode(
                alias=NameNode(value=batch_alias(index)),
                name=entities_field.name,
                arguments=(
                    ArgumentNode(
                        name=NameNode(value="representations"),
                        value=VariableNode(name=NameNode(value=batch_representations(index))),
                    ),
                ),
                directives=(),
                selection_set=entities_field.selection_set,
            )
        )
        definitions.append(_representations_definition(batch_representations(index)))
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name != "representations" and name not in declared:
                declared.add(name)
                definitions.append(definition)
        usages.extend(v for v in flatten.node.variable_usages if v not in usages)
    first = entities[0].node
    document = DocumentNode(
        definitions=(
            OperationDefinitionNode(
                operation=OperationType.QUERY,
                name=NameNode(value=first.operation_name) if first.operation_name else None,
                variable_definitions=tuple(definitions),
                directives=(),
                selection_set=SelectionSetNode(selections=tuple(selections)),
            ),
        )
    )
    return BatchFetchNode(
        service_name=first.service_name,
        operation=strip_ignored_characters(print_ast(document)),
        document=document,
        entities=tuple(entities),
        variable_usages=tuple(usages),
        operation_name=first.operation_name,
    )


def _representations_definition(name: str) -> VariableDefinitionNode:
    any_type = NonNullTypeNode(type=NamedTypeNode(name=NameNode(value="_Any")))
    return VariableDefinitionNode(
        variable=VariableNode(name=NameNode(value=name)),
        type=NonNullTypeNode(type=ListTypeNode(type=any_type)),
        directives=(),
    )
