"""Stage: `@authenticated` and `@requiresScopes`, enforced before planning, so no subgraph is asked for
a field the viewer may not see.

Over the normalised operation, a field the viewer may not see (its own requirement, its type's, or a
fragment's type condition) is removed (or, where a fragment narrows the type or `@skip`/`@include` may
drop it, replaced by `<response key>: __typename`, which the router answers and no subgraph resolves).
The operation that is planned is that filtered one, so the plan cache keys on it and two viewers with
different access never share a plan they should not. After execution each such
field is answered `null`, with an `UNAUTHORIZED_FIELD_OR_TYPE` error at its path, and a null in a
non-null position nulls the nearest nullable parent, as GraphQL's rules (and Apollo Router) do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    NameNode,
    Node,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    print_ast,
)

from router.execution.types import JSONObject
from router.server.access import Access, AccessRules, Requirement
from router.server.normalisation import NormalisedOperation

__all__ = ["Authorized", "Denial", "apply_denials", "authorize", "is_guarded"]

CODE = "UNAUTHORIZED_FIELD_OR_TYPE"
_TYPENAME = NameNode(value="__typename")


@dataclass(frozen=True, slots=True)
class Step:
    """One field on the way to a denied field: its response key, its type, and the names of the object
    types its parent can be there (the filtered field answers one of them, which tells it apart from
    a sibling with the same response key under another type condition)."""

    key: str
    type: GraphQLOutputType
    parents: frozenset[str]


@dataclass(frozen=True, slots=True)
class Denial:
    steps: tuple[Step, ...]
    message: str
    # Kept as a `__typename` probe (null where it answered) rather than removed (null in every parent).
    probe: bool = False


@dataclass(frozen=True, slots=True)
class Authorized:
    operation: NormalisedOperation
    denials: tuple[Denial, ...] = ()


def is_guarded(schema: GraphQLSchema, rules: AccessRules, operation: NormalisedOperation) -> bool:
    """Whether any field, type or fragment condition of the operation has a requirement (if not, the
    viewer's token need not even be read)."""
    if rules.empty:
        return False
    root = schema.get_root_type(operation.kind)
    if root is not None and root.name in rules.types:
        return True
    stack: list[tuple[SelectionSetNode, GraphQLNamedType]] = []
    if root is not None:
        stack.append((operation.operation.selection_set, root))
    seen: set[str] = set()
    while stack:
        selection_set, parent = stack.pop()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                definition = getattr(parent, "fields", {}).get(selection.name.value)
                if definition is None:
                    continue
                named = get_named_type(definition.type)
                if (parent.name, selection.name.value) in rules.fields or named.name in rules.types:
                    return True
                if selection.selection_set is not None:
                    stack.append((selection.selection_set, named))
            elif isinstance(selection, InlineFragmentNode):
                condition = _condition(schema, selection, parent)
                if condition.name in rules.types:
                    return True
                stack.append((selection.selection_set, condition))
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = operation.fragments[selection.name.value]
                condition = schema.get_type(fragment.type_condition.name.value) or parent
                if condition.name in rules.types:
                    return True
                stack.append((fragment.selection_set, condition))
    return False


def authorize(schema: GraphQLSchema, rules: AccessRules, operation: NormalisedOperation, access: Access) -> Authorized:
    """The operation with what `access` may not see filtered out, and where to answer it with null."""
    pass_ = _Pass(schema, rules, operation, access)
    root = schema.get_root_type(operation.kind)
    assert root is not None, "validation rejects operations on a missing root type"
    denied_root = pass_.denied_type(root)
    context = _Context(root, (), denied_root, root.name if denied_root else None, probe=False)
    selection_set = pass_.selection_set(operation.operation.selection_set, context)
    if not pass_.denials:
        return Authorized(operation)
    filtered = _with(operation.operation, selection_set=selection_set)
    fragments = {name: pass_.fragments.get(name, definition) for name, definition in operation.fragments.items()}
    document = DocumentNode(definitions=(filtered, *fragments.values()))
    return Authorized(
        NormalisedOperation(document=document, operation=filtered, fragments=fragments, key=print_ast(document)),
        tuple(pass_.denials),
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """Where a selection set is: its type, the fields above it, and whether a fragment condition (or the
    root type) the viewer may not see denies all of it. `probe`: a fragment narrows the type here or
    `@skip`/`@include` may drop it, so a denied field is kept as `<key>: __typename`, whose presence in
    the response says where the null goes; elsewhere it is removed outright."""

    parent: GraphQLNamedType
    path: tuple[Step, ...]
    denied_by: Requirement | None
    denied_type: str | None
    probe: bool

    def inside(self, condition: GraphQLNamedType, directives: bool, denied: Requirement | None) -> _Context:
        denied_by: Requirement | None = self.denied_by
        denied_type = self.denied_type
        if denied_by is None:
            denied_by, denied_type = denied, condition.name if denied else None
        probe = self.probe or directives or condition.name != self.parent.name
        return _Context(condition, self.path, denied_by, denied_type, probe)


@dataclass
class _Pass:
    schema: GraphQLSchema
    rules: AccessRules
    operation: NormalisedOperation
    access: Access
    denials: list[Denial] = field(default_factory=list)
    # Fragments filtered once each: what a viewer may see depends on the type and field, not the path.
    fragments: dict[str, FragmentDefinitionNode] = field(default_factory=dict)

    def denied_type(self, named: GraphQLNamedType) -> Requirement | None:
        requirement = self.rules.types.get(named.name)
        return requirement if requirement is not None and not requirement.met_by(self.access) else None

    def selection_set(self, selection_set: SelectionSetNode, context: _Context) -> SelectionSetNode:
        selections: list[SelectionNode] = []
        removed: list[FieldNode] = []
        for selection in selection_set.selections:
            replaced = self.selection(selection, context)
            if replaced is None:
                assert isinstance(selection, FieldNode)
                removed.append(selection)
            else:
                selections.append(replaced)
        if not removed and all(a is b for a, b in zip(selections, selection_set.selections, strict=True)):
            return selection_set
        if not selections:
            # A selection set cannot be empty: keep the first removed field as a probe for its own null.
            first = removed[0]
            selections.append(_probe(first))
            denial = next(
                d for d in reversed(self.denials) if d.steps[:-1] == context.path and d.steps[-1].key == _key(first)
            )
            self.denials[self.denials.index(denial)] = Denial(denial.steps, denial.message, probe=True)
        return _with(selection_set, selections=tuple(selections))

    def selection(self, selection: SelectionNode, context: _Context) -> SelectionNode | None:
        if isinstance(selection, FieldNode):
            return self.field(selection, context)
        if isinstance(selection, InlineFragmentNode):
            condition = _condition(self.schema, selection, context.parent)
            inner = context.inside(condition, bool(selection.directives), self.denied_type(condition))
            inner_set = self.selection_set(selection.selection_set, inner)
            return selection if inner_set is selection.selection_set else _with(selection, selection_set=inner_set)
        assert isinstance(selection, FragmentSpreadNode)
        fragment = self.operation.fragments[selection.name.value]
        condition = self.schema.get_type(fragment.type_condition.name.value) or context.parent
        inner = context.inside(condition, bool(selection.directives), self.denied_type(condition))
        if inner.denied_by is not None or inner.probe:
            # Filtered for this place only (inlined), so the fragment elsewhere keeps what it may show there.
            inner_set = self.selection_set(fragment.selection_set, inner)
            if inner_set is fragment.selection_set:
                return selection
            return InlineFragmentNode(
                type_condition=fragment.type_condition, directives=selection.directives, selection_set=inner_set
            )
        filtered = self.selection_set(fragment.selection_set, inner)
        if filtered is not fragment.selection_set and selection.name.value not in self.fragments:
            self.fragments[selection.name.value] = _with(fragment, selection_set=filtered)
        return selection

    def field(self, node: FieldNode, context: _Context) -> FieldNode | None:
        parent = context.parent
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            return node  # __typename and introspection: the router's own
        step = Step(_key(node), definition.type, _possible_types(self.schema, parent))
        named = get_named_type(definition.type)
        coordinate = f"{parent.name}.{node.name.value}"
        reason: str | None = None
        if context.denied_by is not None:
            reason = f"`{context.denied_type}` needs {context.denied_by.describe()}"
        elif (requirement := self.rules.fields.get((parent.name, node.name.value))) and not requirement.met_by(
            self.access
        ):
            reason = f"`{coordinate}` needs {requirement.describe()}"
        elif (returned := self.denied_type(named)) is not None:
            reason = f"`{coordinate}` returns `{named.name}`, which needs {returned.describe()}"
        if reason is not None:
            probe = context.probe or bool(node.directives)
            self.denials.append(Denial((*context.path, step), self._message(reason), probe))
            return _probe(node) if probe else None
        if node.selection_set is None:
            return node
        inner = self.selection_set(node.selection_set, _Context(named, (*context.path, step), None, None, False))
        return node if inner is node.selection_set else _with(node, selection_set=inner)

    def _message(self, reason: str) -> str:
        if self.access.refused:
            return f"Not authorized: {reason}, and the access token was not accepted ({self.access.refused})"
        if not self.access.authenticated:
            return f"Not authorized: {reason}. Sign in and send `Authorization: Bearer <token>`."
        return f"Not authorized: {reason}; this viewer's token does not grant it."


def _key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


def _probe(node: FieldNode) -> FieldNode:
    """`<key>: __typename`, keeping the field's `@skip`/`@include`: answered by the router, resolved by no
    subgraph, and present in the response exactly where the denied field would have been."""
    return FieldNode(alias=NameNode(value=_key(node)), name=_TYPENAME, arguments=(), directives=node.directives)


N = TypeVar("N", bound=Node)


def _with(node: N, **changes: Any) -> N:
    """A copy of an AST node with some attributes replaced (graphql-core's nodes are read-only)."""
    return type(node)(**{**{key: getattr(node, key) for key in node.keys}, **changes})


def _condition(schema: GraphQLSchema, fragment: InlineFragmentNode, parent: GraphQLNamedType) -> GraphQLNamedType:
    if fragment.type_condition is None:
        return parent
    return schema.get_type(fragment.type_condition.name.value) or parent


def _possible_types(schema: GraphQLSchema, parent: GraphQLNamedType) -> frozenset[str]:
    if is_abstract_type(parent):
        assert isinstance(parent, GraphQLAbstractType)
        return frozenset(t.name for t in schema.get_possible_types(parent))
    return frozenset({parent.name})


def apply_denials(response: JSONObject, denials: tuple[Denial, ...]) -> None:
    """Answer each denied field with null where the response has it, with an error at that path."""
    errors: list[JSONObject] = []
    data = response.get("data")
    for denial in denials:
        if isinstance(data, dict) and _null_in(data, denial, 0, [], errors):
            data = None
    response["data"] = data
    if errors:
        response["errors"] = [*errors, *response.get("errors", [])]


def _null_in(obj: JSONObject, denial: Denial, index: int, path: list[str | int], errors: list[JSONObject]) -> bool:
    """Apply `denial` under the object at `index` of its steps; True when the object must become null."""
    step = denial.steps[index]
    here = [*path, step.key]
    if index == len(denial.steps) - 1:
        if denial.probe:
            answered = obj.get(step.key)
            if not isinstance(answered, str) or answered not in step.parents:
                return False  # skipped here, or a sibling with this key under another type condition
        obj[step.key] = None
        errors.append({"message": denial.message, "path": here, "extensions": {"code": CODE}})
        return isinstance(step.type, GraphQLNonNull)
    if step.key not in obj:
        return False
    if _null_in_value(obj[step.key], step.type, denial, index + 1, here, errors):
        obj[step.key] = None
        return isinstance(step.type, GraphQLNonNull)
    return False


def _null_in_value(
    value: object,
    type_: GraphQLOutputType,
    denial: Denial,
    index: int,
    path: list[str | int],
    errors: list[JSONObject],
) -> bool:
    nullable = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if value is None:
        return False
    if isinstance(nullable, GraphQLList):
        assert isinstance(value, list)
        must_null = False
        for position, item in enumerate(value):
            if _null_in_value(item, nullable.of_type, denial, index, [*path, position], errors):
                value[position] = None
                must_null = must_null or isinstance(nullable.of_type, GraphQLNonNull)
        return must_null
    assert isinstance(value, dict) and isinstance(get_named_type(nullable), GraphQLObjectType | GraphQLAbstractType)
    return _null_in(value, denial, index, path, errors)
