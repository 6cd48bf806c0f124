"""Turn a filled fetch graph into plan nodes: subgraph operations, Flatten paths, Sequence/Parallel."""

from __future__ import annotations

import re

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    InlineFragmentNode,
    ListTypeNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    print_ast,
    strip_ignored_characters,
    visit,
)

from router.planning.batching import batch_stage
from router.planning.fetch_graph import FetchGraph, FetchGroup
from router.planning.ownership import Ownership
from router.planning.plan_nodes import (
    ConditionNode,
    FetchNode,
    FlattenNode,
    ParallelNode,
    PlanNode,
    SequenceNode,
    TypenameRewrite,
)
from router.planning.response_shapes import align_response_shapes

__all__ = ["build_plan_node"]


class _VariableCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_variable(self, node: VariableNode, *_: object) -> None:
        if node.name.value not in self.names:
            self.names.append(node.name.value)


def _used_variables(selection_set: SelectionSetNode) -> list[str]:
    collector = _VariableCollector()
    visit(selection_set, collector)
    return collector.names


class PlanBuilder:
    def __init__(
        self, operation: OperationDefinitionNode, fetch_graph: FetchGraph, root_type: str, ownership: Ownership
    ) -> None:
        self.operation = operation
        self.fetch_graph = fetch_graph
        self.root_type = root_type
        self.ownership = ownership
        self.definitions = {d.variable.name.value: d for d in operation.variable_definitions or ()}
        self._names: dict[str, int] = {}

    def build(self) -> PlanNode | None:
        roots = self.fetch_graph.root_groups
        if not roots:
            return None
        if self.operation.operation != OperationType.MUTATION and self._batches(self.fetch_graph.groups):
            # Stage by stage, so that same-subgraph fetches of one stage go out as one request.
            return self._levels(list(self.fetch_graph.groups), batch=True)
        owned = self._assign_to_roots(roots)
        parts = [self._subplan(root, owned[root.id]) for root in roots]
        if self.operation.operation == OperationType.MUTATION:
            return _sequence(parts)
        if len({g.id for r in roots for g in owned[r.id]}) != sum(len(owned[r.id]) for r in roots):
            return self._levels(list(self.fetch_graph.groups))
        return _parallel(parts)

    def _assign_to_roots(self, roots: list[FetchGroup]) -> dict[int, list[FetchGroup]]:
        """Each root with the groups that wait for it (shared groups land in several lists)."""
        owned: dict[int, list[FetchGroup]] = {}
        for root in roots:
            owned[root.id] = [root] + [g for g in self.fetch_graph.groups if g.waits_for(root)]
        if self.operation.operation == OperationType.MUTATION:
            # Serial roots: a group belongs to the first mutation step it waits for.
            seen: set[int] = set()
            for root in roots:
                owned[root.id] = [g for g in owned[root.id] if g.id not in seen]
                seen.update(g.id for g in owned[root.id])
        return owned

    def _subplan(self, root: FetchGroup, groups: list[FetchGroup]) -> PlanNode:
        members = {g.id for g in groups}
        if all(len(g.depends_on) == 1 for g in groups if g is not root):
            return self._tree(root, members)
        return self._levels(groups)

    def _tree(self, group: FetchGroup, members: set[int]) -> PlanNode:
        children = [g for g in self.fetch_graph.groups if g.id in members and group in g.depends_on]
        node = self._fetch(group)
        if not children:
            return node
        return _sequence([node, _parallel([self._tree(child, members) for child in children])])

    def _levels(self, groups: list[FetchGroup], *, batch: bool = False) -> PlanNode:
        depths = _depths(groups)
        stages: dict[int, list[PlanNode]] = {}
        for group in groups:
            stages.setdefault(depths[group.id], []).append(self._fetch(group))
        if batch:
            stages = {i: batch_stage(nodes) for i, nodes in stages.items()}
        return _sequence([_parallel(stages[i]) for i in sorted(stages)])

    @staticmethod
    def _batches(groups: list[FetchGroup]) -> bool:
        """Two entity fetches to one subgraph, under the same condition if any, would run in the same stage."""
        depths = _depths(groups)
        seen: set[tuple[int, str, tuple[str, bool] | None]] = set()
        for group in groups:
            if not group.is_entity:
                continue
            condition = group.shared_guard() or _shared_condition(group.selection.to_ast(), True)
            stage = (depths[group.id], group.service, condition)
            if stage in seen:
                return True
            seen.add(stage)
        return False

    def _fetch(self, group: FetchGroup) -> PlanNode:
        selection, renames = align_response_shapes(
            group.selection.to_ast(),
            None if group.is_entity else self.root_type,
            lambda type_name, field: self.ownership.field_shape(group.service, type_name, field),
        )
        if group.is_entity:
            selection = SelectionSetNode(
                selections=(
                    FieldNode(
                        name=NameNode(value="_entities"),
                        arguments=(
                            ArgumentNode(
                                name=NameNode(value="representations"),
                                value=VariableNode(name=NameNode(value="representations")),
                            ),
                        ),
                        directives=(),
                        selection_set=selection,
                    ),
                )
            )
        variables = _used_variables(selection)
        definitions = [self.definitions[name] for name in variables if name in self.definitions]
        if group.is_entity:
            definitions.insert(0, _representations_definition())
        kind = "query" if group.is_entity else self.operation.operation.value
        name = self._operation_name(group.service)
        document = DocumentNode(
            definitions=(
                OperationDefinitionNode(
                    operation=OperationType(kind),
                    name=NameNode(value=name) if name else None,
                    variable_definitions=tuple(definitions),
                    directives=(),
                    selection_set=selection,
                ),
            )
        )
        fetch = FetchNode(
            service_name=group.service,
            operation_kind=kind,  # type: ignore[arg-type]
            operation=strip_ignored_characters(print_ast(document)),
            document=document,
            variable_usages=tuple(v for v in variables if v in self.definitions),
            requires=group.requires.to_ast() if group.is_entity else None,
            operation_name=name,
            input_rewrites=tuple(
                TypenameRewrite(type_condition=t, set_to=s) for t, s in group.typename_rewrites.items()
            ),
            output_rewrites=renames,
        )
        node: PlanNode = FlattenNode(path=group.path, node=fetch) if group.is_entity else fetch
        condition = group.shared_guard() or _shared_condition(group.selection.to_ast(), group.is_entity)
        if condition is None:
            return node
        variable, included = condition
        return ConditionNode(
            condition=variable, if_clause=node if included else None, else_clause=None if included else node
        )

    def _operation_name(self, service: str) -> str | None:
        if self.operation.name is None:
            return None
        index = self._names.get("", 0)
        self._names[""] = index + 1
        return f"{self.operation.name.value}__{re.sub(r'[^_0-9A-Za-z]', '_', service)}__{index}"


def _depths(groups: list[FetchGroup]) -> dict[int, int]:
    """Each group's stage: one after the latest of the groups (among these) it waits for."""
    ids = {g.id for g in groups}
    level: dict[int, int] = {}

    def depth(group: FetchGroup) -> int:
        if group.id not in level:
            parents = [p for p in group.depends_on if p.id in ids]
            level[group.id] = 1 + max((depth(p) for p in parents), default=-1)
        return level[group.id]

    return {group.id: depth(group) for group in groups}


def _shared_condition(selection: SelectionSetNode, per_type: bool) -> tuple[str, bool] | None:
    """(variable, fetch when true?) if one `@skip`/`@include` on a variable guards every selection.

    Then the fetch goes under a Condition node, so it is not sent at all when nothing is included.
    `per_type` looks inside the `... on T` fragments of an entity selection.
    """
    conditions: set[tuple[str, bool]] = set()
    for node in selection.selections:
        if per_type and isinstance(node, InlineFragmentNode) and node.type_condition is not None:
            inner = _shared_condition(node.selection_set, per_type=False)
            if inner is None:
                return None
            conditions.add(inner)
            continue
        directives = node.directives or ()
        if len(directives) != 1 or directives[0].name.value not in ("skip", "include"):
            return None
        argument = (directives[0].arguments or (None,))[0]
        if argument is None or not isinstance(argument.value, VariableNode):
            return None
        conditions.add((argument.value.name.value, directives[0].name.value == "include"))
    return conditions.pop() if len(conditions) == 1 else None


def _representations_definition() -> VariableDefinitionNode:
    any_type = NonNullTypeNode(type=NamedTypeNode(name=NameNode(value="_Any")))
    return VariableDefinitionNode(
        variable=VariableNode(name=NameNode(value="representations")),
        type=NonNullTypeNode(type=ListTypeNode(type=any_type)),
        directives=(),
    )


def _sequence(nodes: list[PlanNode]) -> PlanNode:
    flat: list[PlanNode] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, SequenceNode) else (node,))
    return flat[0] if len(flat) == 1 else SequenceNode(nodes=tuple(flat))


def _parallel(nodes: list[PlanNode]) -> PlanNode:
    flat: list[PlanNode] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, ParallelNode) else (node,))
    return flat[0] if len(flat) == 1 else ParallelNode(nodes=tuple(flat))


def build_plan_node(
    operation: OperationDefinitionNode, fetch_graph: FetchGraph, root_type: str, ownership: Ownership
) -> PlanNode | None:
    return PlanBuilder(operation, fetch_graph, root_type, ownership).build()
