"""Stage: pick the operation and reduce the document to it and the fragments it uses.

The printed result is the plan cache key, so whitespace, comments and sibling operations do not
split the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    OperationDefinitionNode,
    OperationType,
    print_ast,
)

from router.server.errors import RequestError

__all__ = ["NormalisedOperation", "normalise"]


@dataclass(frozen=True, slots=True)
class NormalisedOperation:
    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    key: str

    @property
    def name(self) -> str | None:
        return self.operation.name.value if self.operation.name else None

    @property
    def kind(self) -> OperationType:
        return self.operation.operation


def normalise(document: DocumentNode, operation_name: str | None) -> NormalisedOperation:
    operation = _select_operation(document, operation_name)
    all_fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    used: dict[str, FragmentDefinitionNode] = {}
    pending: list[Node] = [operation]
    while pending:
        for name in _spreads(pending.pop()):
            if name not in used and name in all_fragments:
                used[name] = all_fragments[name]
                pending.append(all_fragments[name])
    reduced = DocumentNode(definitions=(operation, *used.values()))
    return NormalisedOperation(document=reduced, operation=operation, fragments=used, key=print_ast(reduced))


def _select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) == 1:
            return operations[0]
        raise RequestError.single(
            400, "Must provide operation name if query contains multiple operations.", "OPERATION_RESOLUTION_FAILURE"
        )
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    raise RequestError.single(400, f'Unknown operation named "{operation_name}".', "OPERATION_RESOLUTION_FAILURE")


def _spreads(node: Node) -> list[str]:
    names: list[str] = []
    stack: list[object] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, FragmentSpreadNode):
            names.append(current.name.value)
        selection_set = getattr(current, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return names
