"""Arguments of a non-repeatable directive that subgraphs apply differently, merged as Apollo's argument
composition strategies do: `@cost(weight:)` MAX; `@listSize` NULLABLE_MAX / NULLABLE_UNION / NULLABLE_AND;
`@requiresScopes(scopes:)` the conjunction of the disjunctions (a viewer must meet every subgraph's)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from graphql import parse_value, print_ast, value_from_ast_untyped
from graphql.language import StringValueNode

from .subgraph import Applied

__all__ = [
    "ACCESS_CONTROL",
    "STRATEGY_DIRECTIVES",
    "arguments_of",
    "dnf_conjunction",
    "merge_arguments",
    "strategy_summary",
]

Strategy = Callable[[list[Any]], Any]
ACCESS_CONTROL = ("authenticated", "requiresScopes")


def _nullable(merge: Strategy) -> Strategy:
    def merged(values: list[Any]) -> Any:
        present = [v for v in values if v is not None]
        return merge(present) if present else None

    return merged


def _union(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        out.extend(v for v in value if v not in out)
    return out


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def dnf_conjunction(values: list[Any]) -> list[list[str]]:
    """Apollo's `dnfConjunction`: every combination of one alternative per subgraph, sorted, without the
    alternatives another one already implies."""
    if not values:
        return []
    filtered: list[list[list[str]]] = []
    seen: set[str] = set()
    for value in values:
        copy = [sorted(inner) for inner in value] or [[]]
        copy.sort(key=_json)
        key = _json(copy)
        if key not in seen:
            seen.add(key)
            filtered.append(copy)
    result = filtered[0]
    for current in filtered[1:]:
        accumulator: list[list[str]] = []
        keys: set[str] = set()
        for left in result:
            for right in current:
                candidate = sorted([*left, *(e for e in right if e not in left)])
                key = _json(candidate)
                if key not in keys:
                    keys.add(key)
                    accumulator.append(candidate)
        accumulator.sort(key=len)  # stable, as JavaScript's sort
        kept: list[list[str]] = []
        for candidate in accumulator:
            if not any(set(r) <= set(candidate) for r in kept):
                kept.append(candidate)
        result = kept
    return result


# Per directive: its arguments in definition order, with the default Apollo reads and the strategy.
STRATEGY_DIRECTIVES: dict[str, tuple[tuple[str, Any, str, Strategy], ...]] = {
    "cost": (("weight", None, "MAX", max),),
    "listSize": (
        ("assumedSize", None, "NULLABLE_MAX", _nullable(max)),
        ("slicingArguments", None, "NULLABLE_UNION", _nullable(_union)),
        ("sizedFields", None, "NULLABLE_UNION", _nullable(_union)),
        ("requireOneSlicingArgument", True, "NULLABLE_AND", _nullable(all)),
    ),
    "requiresScopes": (("scopes", None, "DNF_CONJUNCTION", dnf_conjunction),),
}


def arguments_of(applied: Applied) -> dict[str, Any]:
    return {name: value_from_ast_untyped(parse_value(text)) for name, text in applied.args}


def merge_arguments(name: str, applications: Sequence[Applied]) -> Applied:
    """One application whose arguments merge the (different) `applications` by their strategies."""
    given = [arguments_of(a) for a in applications]
    args: list[tuple[str, str]] = []
    for argument, default, _, strategy in STRATEGY_DIRECTIVES[name]:
        value = strategy([g.get(argument, default) for g in given])
        if value is not None:
            args.append((argument, _print(value)))
    return Applied(name, tuple(args))


def strategy_summary(name: str) -> str:
    """How Apollo's hint names the strategies: `{ "weight": MAX }`."""
    return "{ " + ", ".join(f'"{arg}": {label}' for arg, _, label, _ in STRATEGY_DIRECTIVES[name]) + " }"


def _print(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return print_ast(StringValueNode(value=value))
    assert isinstance(value, list)
    return "[" + ", ".join(_print(v) for v in value) + "]"
