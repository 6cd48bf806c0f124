"""A field whose `@requires` reads data behind `@authenticated` / `@requiresScopes` must demand at least as
much itself (with its type's), or it would hand that data to viewers who may not see it (Apollo's
MISSING_TRANSITIVE_AUTH_REQUIREMENTS)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode, parse

from ..merge_strategies import ACCESS_CONTROL, arguments_of, dnf_conjunction
from ..merged import Merged
from ..results import CompositionError
from ..subgraph import Applied


@dataclass(frozen=True)
class _Auth:
    authenticated: bool = False
    scopes: list[list[str]] | None = None

    def satisfies(self, other: _Auth | None) -> bool:
        if other is None:
            return True
        if other.authenticated and not self.authenticated:
            return False
        mine, theirs = self.scopes or [[]], other.scopes or [[]]
        # Every way of meeting this one meets one way of meeting the other (Apollo's `isImplication`).
        return all(any(set(t) <= set(m) for t in theirs) for m in mine)


def _auth(directives: list[Applied]) -> _Auth | None:
    authenticated, scopes = False, None
    for d in directives:
        if d.name == "authenticated":
            authenticated = True
        elif d.name == "requiresScopes":
            scopes = arguments_of(d).get("scopes")
    return _Auth(authenticated, scopes) if authenticated or scopes is not None else None


def check_transitive_auth(merged: Merged) -> Iterator[CompositionError]:
    if not any(
        d.name in ACCESS_CONTROL
        for t in merged.types.values()
        for d in [*t.directives, *(x for f in t.fields.values() for x in f.directives)]
    ):
        return
    for t in merged.types.values():
        for f in t.fields.values():
            for join in f.joins:
                if join.requires is None:
                    continue
                own = [a for a in (_auth(t.directives), _auth(f.directives)) if a is not None]
                scopes = [a.scopes for a in own if a.scopes is not None]
                needed = _Auth(any(a.authenticated for a in own), dnf_conjunction(scopes) if scopes else None)
                problem = _first_unmet(merged, t.name, join.requires, needed)
                if problem is not None:
                    index = merged.graph_names.index(join.graph) if join.graph in merged.graph_names else None
                    name = merged.subgraphs[index].name if index is not None else None
                    prefix = f"[{name}] " if name else ""
                    yield CompositionError(
                        "MISSING_TRANSITIVE_AUTH_REQUIREMENTS",
                        f'{prefix}Field "{f.coordinate}" does not specify necessary @authenticated, @requiresScopes '
                        f"and/or @policy auth requirements to access the transitive {problem} data from @requires "
                        "selection set. Give it (or its type) at least those requirements.",
                        (name,) if name else (),
                        f.coordinate,
                    )


def _first_unmet(merged: Merged, parent: str, fields: str, needed: _Auth) -> str | None:
    operation = parse("{" + fields + "}").definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return _walk(merged, parent, operation.selection_set, needed)


def _walk(merged: Merged, parent: str, selection_set: SelectionSetNode, needed: _Auth) -> str | None:
    t = merged.types.get(parent)
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            f = t.fields.get(selection.name.value) if t is not None else None
            if f is None or f.type is None:
                continue
            returned = merged.types.get(f.type.base)
            if not needed.satisfies(_auth(f.directives)) or not needed.satisfies(
                _auth(returned.directives) if returned is not None else None
            ):
                return f'field "{f.coordinate}"'
            if selection.selection_set is not None:
                found = _walk(merged, f.type.base, selection.selection_set, needed)
                if found is not None:
                    return found
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else parent
            target = merged.types.get(condition)
            if selection.type_condition and not needed.satisfies(_auth(target.directives) if target else None):
                return f'inline fragment type condition "{condition}"'
            found = _walk(merged, condition, selection.selection_set, needed)
            if found is not None:
                return found
    return None
