"""Places where Hive Gateway (JavaScript planner, or Rust planner) answers other than our router, and
why we do not follow: each is a GraphQL-spec point where our answer is also Apollo Gateway's."""

from __future__ import annotations

__all__ = ["FETCH_GAPS", "HIVE_DIVERGENCES", "RUST_CANNOT_PLAN", "hive_is_wrong"]

NULL_IN_NON_NULL = (
    "the Rust planner leaves null in a non-null position (a missing `User!` entity, an `Item!` list "
    "element whose non-null field failed) instead of propagating it to the nearest nullable parent"
)
UNEXPLAINED_NULL_AS_ERROR = (
    "Hive Gateway reports a non-null field no subgraph returned as an `Unexpected error.` "
    "INTERNAL_SERVER_ERROR, where Apollo Gateway and we add no error and say so in extensions.valueCompletion"
)
INTROSPECTION = (
    "Hive Gateway lists introspection types in another order and the Rust planner shows composition "
    "directives (@tag); the API schema is compared with Apollo Gateway instead"
)
INTROSPECTION_WITH_DATA = "the Rust planner cannot plan `__type` next to a subgraph field (No paths found)"
ALL_ROOT_FIELDS_EXCLUDED = (
    "the Rust planner fails (Failed to build a plan) on an operation whose root fields @include/@skip "
    "all exclude, or reports an error for the excluded field"
)

HIVE_DIVERGENCES: dict[tuple[str, str], dict[str, str]] = {
    ("s30_null_propagation", "BubblesToRoot"): {"rust": NULL_IN_NON_NULL, "hive": UNEXPLAINED_NULL_AS_ERROR},
    ("s30_null_propagation", "StopsAtNullableItem"): {"rust": NULL_IN_NON_NULL, "hive": UNEXPLAINED_NULL_AS_ERROR},
    ("s30_null_propagation", "StopsAtNullableField"): {"rust": NULL_IN_NON_NULL, "hive": UNEXPLAINED_NULL_AS_ERROR},
    ("s32_subgraph_errors", "EntityNonNullError"): {"rust": NULL_IN_NON_NULL},
    ("s37_unreachable_subgraph", "NonNullEntityField"): {"rust": NULL_IN_NON_NULL},
    ("s33_introspection", "TypeNames"): {"rust": INTROSPECTION, "hive": INTROSPECTION},
    ("s33_introspection", "Directives"): {"rust": INTROSPECTION, "hive": INTROSPECTION},
    ("s33_introspection", "MixedWithData"): {"rust": INTROSPECTION_WITH_DATA},
    ("s37_unreachable_subgraph", "ExcludedRootField"): {"rust": ALL_ROOT_FIELDS_EXCLUDED},
    ("s37_unreachable_subgraph", "ExcludedByVariable"): {"rust": ALL_ROOT_FIELDS_EXCLUDED},
}

RUST_CANNOT_PLAN = frozenset({("s33_introspection", "MixedWithData")})
"""Operations the Rust planner fails to plan: there is no fetch count to compare with."""

FETCH_GAPS: dict[tuple[str, str], str] = {}
"""Operations where we still make more subgraph requests than the Rust planner (issue 15 wants none)."""


def hive_is_wrong(scenario_name: str, operation: str, oracle: str) -> str | None:
    return HIVE_DIVERGENCES.get((scenario_name, operation), {}).get(oracle)
