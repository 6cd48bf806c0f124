"""Print a query plan the way Apollo does (for tests and humans) and as JSON (for the debug header)."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, OperationDefinitionNode, SelectionSetNode, print_ast

from router.planning.plan_nodes import (
    BatchFetchNode,
    ConditionNode,
    FetchNode,
    FlattenNode,
    ParallelNode,
    PlanNode,
    QueryPlan,
    SequenceNode,
    SubscriptionNode,
)

__all__ = ["plan_to_json", "print_plan"]


def _indent(text: str, levels: int = 1) -> str:
    pad = "  " * levels
    return "\n".join(pad + line if line else line for line in text.split("\n"))


def _fetch_selection(fetch: FetchNode) -> SelectionSetNode:
    operation = fetch.document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    if fetch.requires is None:
        return operation.selection_set
    entities = operation.selection_set.selections[0]
    assert isinstance(entities, FieldNode) and entities.selection_set is not None
    return entities.selection_set


def _block(header: str, children: list[str], separator: str = ",") -> str:
    return header + " {\n" + "".join(_indent(child) + separator + "\n" for child in children) + "}"


def _print_node(node: PlanNode) -> str:
    if isinstance(node, FetchNode):
        body = print_ast(_fetch_selection(node))
        if node.requires is not None:
            body = print_ast(node.requires) + " =>\n" + body
        return f'Fetch(service: "{node.service_name}") {{\n{_indent(body)}\n}}'
    if isinstance(node, FlattenNode):
        return _block(f'Flatten(path: "{".".join(node.path)}")', [_print_node(node.node)])
    if isinstance(node, BatchFetchNode):
        # One request; each entity fetch printed as it would run alone (its `_e<i>` in list order).
        return _block(f'BatchFetch(service: "{node.service_name}")', [_print_node(e) for e in node.entities])
    if isinstance(node, SequenceNode):
        return _block("Sequence", [_print_node(n) for n in node.nodes])
    if isinstance(node, ParallelNode):
        return _block("Parallel", [_print_node(n) for n in node.nodes])
    assert isinstance(node, ConditionNode)
    parts = []
    if node.if_clause is not None:
        parts.append(_block(f"Include(if: ${node.condition})", [_print_node(node.if_clause)], ""))
    if node.else_clause is not None:
        parts.append(_block(f"Skip(if: ${node.condition})", [_print_node(node.else_clause)], ""))
    return "\n".join(parts)


def _print_subscription(node: SubscriptionNode) -> str:
    """As Apollo prints it: `Subscription { Primary: { Fetch } , Rest: { ... } }`."""
    parts = [_block("Primary:", [_print_node(node.primary)], "")]
    if node.rest is not None:
        parts.append(_block("Rest:", [_print_node(node.rest)], ""))
    return _block("Subscription", parts)


def print_plan(plan: QueryPlan) -> str:
    """`QueryPlan { Sequence { Fetch(service: "x") { ... } Flatten(path: "a.@.b") { ... } } }`."""
    if plan.node is None:
        return "QueryPlan {\n}"
    if isinstance(plan.node, SubscriptionNode):
        return _block("QueryPlan", [_print_subscription(plan.node)])
    return _block("QueryPlan", [_print_node(plan.node)])


def _node_json(node: PlanNode | None) -> dict[str, Any] | None:
    if node is None:
        return None
    if isinstance(node, FetchNode):
        return {
            "kind": "Fetch",
            "serviceName": node.service_name,
            "operationKind": node.operation_kind,
            "operation": node.operation,
            "operationName": node.operation_name,
            "variableUsages": list(node.variable_usages),
            "requires": print_ast(node.requires) if node.requires is not None else None,
            "inputRewrites": [
                {"typeCondition": r.type_condition, "setTypenameTo": r.set_to} for r in node.input_rewrites
            ],
            "outputRewrites": [
                {
                    "kind": "KeyRenamer",
                    "path": [*r.path, f"... on {r.type_condition}", r.from_key],
                    "renameKeyTo": r.to_key,
                }
                for r in node.output_rewrites
            ],
        }
    if isinstance(node, FlattenNode):
        return {"kind": "Flatten", "path": list(node.path), "node": _node_json(node.node)}
    if isinstance(node, BatchFetchNode):
        return {
            "kind": "BatchFetch",
            "serviceName": node.service_name,
            "operation": node.operation,
            "operationName": node.operation_name,
            "variableUsages": list(node.variable_usages),
            "entities": [_node_json(e) for e in node.entities],
        }
    if isinstance(node, SequenceNode | ParallelNode):
        kind = "Sequence" if isinstance(node, SequenceNode) else "Parallel"
        return {"kind": kind, "nodes": [_node_json(n) for n in node.nodes]}
    return {
        "kind": "Condition",
        "condition": node.condition,
        "ifClause": _node_json(node.if_clause),
        "elseClause": _node_json(node.else_clause),
    }


def plan_to_json(plan: QueryPlan) -> dict[str, Any]:
    node = plan.node
    if isinstance(node, SubscriptionNode):
        subscription = {"kind": "Subscription", "primary": _node_json(node.primary), "rest": _node_json(node.rest)}
        return {"kind": "QueryPlan", "node": subscription}
    return {"kind": "QueryPlan", "node": _node_json(node)}
