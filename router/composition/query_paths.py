"""Query paths across subgraphs: which subgraph resolves a field, where `@key`s let the router move,
and the example queries errors show (Apollo's "witness" operations)."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from graphql import GraphQLSyntaxError, SelectionSetNode, parse

from .fieldset import resolve_field_set

if TYPE_CHECKING:
    from .merged import Merged
    from .model import MergedField
    from .typeref import TypeRef

__all__ = ["ROOTS", "QueryPaths", "parse_selection_set", "printed_query", "type_list"]

ROOTS = ("Query", "Mutation", "Subscription")
JS_FALSY_DEFAULTS = (None, "0", "0.0", "false", '""', "null")
WITNESS_SCALARS = {"Int": "0", "Float": "3.14", "Boolean": "true", "String": '"A string value"', "ID": '"<any id>"'}


def printed_query(path: list[str]) -> str:
    """`["me", "age"]` as an indented GraphQL query, like Apollo shows it."""
    lines = ["{"]
    for depth, name in enumerate(path, start=1):
        # An element may span lines (long arguments): indent each of them.
        element = name.replace("\n", "\n" + "  " * depth)
        lines.append("  " * depth + element + (" {" if depth < len(path) else ""))
    lines += ["  " * depth + "}" for depth in range(len(path) - 1, -1, -1)]
    return "\n".join(lines)


def parse_selection_set(field_set: str) -> SelectionSetNode | None:
    """A `@requires`/`@provides` field set as a selection set; None when it does not parse."""
    try:
        document = parse("{" + field_set + "}", no_location=True)
    except GraphQLSyntaxError:
        return None  # the subgraph rules have reported it
    selection_set: SelectionSetNode | None = getattr(document.definitions[0], "selection_set", None)
    return selection_set


def type_list(names: list[str]) -> str:
    """`type "A"`, or `types "A", "B" and "C"`."""
    quoted = [f'"{n}"' for n in names]
    if len(quoted) == 1:
        return f"type {quoted[0]}"
    return "types " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


class QueryPaths:
    """Reads the merged supergraph as the router will travel it."""

    def __init__(self, merged: Merged) -> None:
        self.m = merged

    def resolves(self, i: int, f: MergedField, provided_here: bool = False) -> bool:
        """Whether subgraph `i` resolves `f`; an @external field only where a @provides path leads."""
        source = f.sources.get(i)
        if source is None or (i in f.overridden and i not in f.override_labels):
            return False
        return not self.m.metas[i].is_external(source) or (
            provided_here and not self.m.metas[i].is_fully_external(source)
        )

    def can_jump(self, type_name: str, origin: int, target: int) -> str | None:
        """None when the router can move from `origin` to `target` for `type_name`, else why not."""
        target_type = self.m.subgraphs[target].types.get(type_name)
        if target_type is None or not target_type.keys:
            return f'type "{type_name}" has no @key defined in subgraph "{self.m.subgraphs[target].name}"'
        resolvable = [k for k in target_type.keys if k.resolvable]
        if not resolvable:
            return (
                f'none of the @key defined on type "{type_name}" in subgraph "{self.m.subgraphs[target].name}" are '
                'resolvable (they are all declared with their "resolvable" argument set to false)'
            )
        origin_graph = self.m.subgraphs[origin]
        if any(self.can_provide_key(origin, type_name, key.fields) for key in resolvable):
            return None
        keys = ", ".join(f'@key(fields: "{k.fields}")' for k in resolvable)
        return (
            f'none of the keys of "{type_name}" in subgraph "{self.m.subgraphs[target].name}" ({keys}) can be '
            f'provided by subgraph "{origin_graph.name}"'
        )

    def can_provide_key(self, origin: int, type_name: str, fields: str) -> bool:
        resolved = resolve_field_set(self.m.subgraphs[origin], type_name, fields)
        if resolved.problems or resolved.usage_problems:
            return False
        return not any(self.m.metas[origin].is_fully_external(f) for f in resolved.selected)

    def reachable(self, type_name: str, origin: int) -> set[int]:
        seen, queue = {origin}, deque([origin])
        while queue:
            current = queue.popleft()
            for target, s in enumerate(self.m.subgraphs):
                if target not in seen and type_name in s.types and self.can_jump(type_name, current, target) is None:
                    seen.add(target)
                    queue.append(target)
        return seen

    def object_types(self, type_name: str, subgraph: int) -> list[str]:
        """The concrete object types a field of type `type_name` may return from `subgraph`."""
        s = self.m.subgraphs[subgraph]
        t = s.types.get(type_name)
        if t is None or t.interface_object:
            return []
        if t.kind == "object":
            return [type_name]
        if t.kind == "union":
            return [m for m in t.members if m in s.types]
        if t.kind == "interface":
            return [impl.name for impl in s.implementations(type_name)]
        return []

    def witness(self, f: MergedField) -> str:
        """`f` as the example query selects it: every argument gets a value of its type, like Apollo's."""
        if not f.args:
            return f.name
        args = [f"{a.name}: {self.witness_value(a.type)}" for a in f.args.values()]
        line = f"{f.name}({', '.join(args)})"
        # graphql-js puts arguments on their own lines past 80 characters.
        return line if len(line) <= 80 else f.name + "(\n" + "".join(f"  {a}\n" for a in args) + ")"

    def witness_value(self, type_ref: TypeRef) -> str:
        if type_ref.non_null_of is not None:
            return self.witness_value(type_ref.non_null_of)
        if type_ref.list_of is not None:
            return "[]"
        name = str(type_ref.name)
        if name in WITNESS_SCALARS:
            return WITNESS_SCALARS[name]
        t = self.m.types.get(name)
        if t is None or t.kind == "scalar":
            return '"<some value>"'
        if t.kind == "enum":
            return next(iter(t.values), '""')
        # Apollo skips a field whose default is truthy in JavaScript, so `0` or `false` defaults are given.
        needed = [
            x for x in t.fields.values() if x.default in JS_FALSY_DEFAULTS and x.type is not None and x.type.is_non_null
        ]
        return "{" + ", ".join(f"{x.name}: {self.witness_value(x.type)}" for x in needed if x.type) + "}"
