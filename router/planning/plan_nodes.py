"""Query plan nodes: the contract between the planner and the executor.

The shapes follow Apollo's query plans (Fetch, Flatten, Sequence, Parallel, Condition) so a plan
can be read by anyone who knows Apollo's, and printed for the `x-gamja-query-plan` header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from graphql import DocumentNode, SelectionSetNode

__all__ = [
    "BatchFetchNode",
    "ConditionNode",
    "FetchNode",
    "FlattenNode",
    "KeyRenamer",
    "ParallelNode",
    "PlanNode",
    "QueryPlan",
    "SequenceNode",
    "SubscriptionNode",
    "TypenameRewrite",
    "batch_alias",
    "batch_representations",
]


@dataclass(frozen=True, kw_only=True)
class TypenameRewrite:
    """Send `__typename: set_to` in representations built from objects of `type_condition`.

    Needed for `@interfaceObject` subgraphs: they know the interface as an object type, so the
    representation of a `Book` must say `__typename: "Node"` there.
    """

    type_condition: str
    set_to: str


@dataclass(frozen=True, kw_only=True)
class KeyRenamer:
    """Rename `from_key` to `to_key` in the objects of `type_condition` at `path` (response keys down
    from the fetch's data, or from each entity; lists walked) of a subgraph's answer.

    The planner aliases a field when the subgraph's schema would reject it under its own name: the
    same response key selected with another type (`ID!` here, `ID` there) in a sibling fragment.
    """

    path: tuple[str, ...]
    type_condition: str
    from_key: str
    to_key: str


@dataclass(frozen=True, kw_only=True)
class FetchNode:
    """One request to one subgraph.

    A root fetch (`requires is None`) sends `operation` as is. An entity fetch sends `operation`
    (a query taking `$representations: [_Any!]!` and selecting `_entities`) with representations
    built from the data at the enclosing Flatten path, each projected through `requires`
    (inline fragments per type condition, always including `__typename`); representations are
    deduplicated before sending, and `_entities` results are merged back in order.
    """

    service_name: str
    operation_kind: Literal["query", "mutation", "subscription"]
    operation: str
    document: DocumentNode
    variable_usages: tuple[str, ...] = ()
    requires: SelectionSetNode | None = None
    operation_name: str | None = None
    input_rewrites: tuple[TypenameRewrite, ...] = ()
    output_rewrites: tuple[KeyRenamer, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FlattenNode:
    """Run `node` against the objects found at `path` in the data merged so far.

    `path` holds response keys (aliases) and "@" for "every element of this list".
    """

    path: tuple[str, ...]
    node: FetchNode


@dataclass(frozen=True, kw_only=True)
class BatchFetchNode:
    """Entity fetches to one subgraph that run at the same time, sent as one request (as Hive Router
    does): `operation` selects each one's `_entities` under the alias `_e<i>`, with its representations
    in the variable `$__batch_reps_<i>`. Each of `entities` is planned as a Flatten alone would be;
    its results and errors are merged back as that Flatten's."""

    service_name: str
    operation: str
    document: DocumentNode
    entities: tuple[FlattenNode, ...]
    variable_usages: tuple[str, ...] = ()
    operation_name: str | None = None


def batch_alias(index: int) -> str:
    """The response key of the `index`th entity fetch of a batch."""
    return f"_e{index}"


def batch_representations(index: int) -> str:
    """The variable holding the representations of the `index`th entity fetch of a batch."""
    return f"__batch_reps_{index}"


@dataclass(frozen=True, kw_only=True)
class SequenceNode:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True, kw_only=True)
class ParallelNode:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True, kw_only=True)
class ConditionNode:
    """`@skip`/`@include` on a variable decided at execution time."""

    condition: str
    if_clause: PlanNode | None
    else_clause: PlanNode | None


@dataclass(frozen=True, kw_only=True)
class SubscriptionNode:
    """A subscription, as Apollo and Hive Router plan it: `primary` opens the event stream on the subgraph
    that owns the root field; `rest` (ordinary entity fetches) runs once per event, on that event's data."""

    primary: FetchNode
    rest: PlanNode | None


PlanNode: TypeAlias = FetchNode | FlattenNode | BatchFetchNode | SequenceNode | ParallelNode | ConditionNode


@dataclass(frozen=True, kw_only=True)
class QueryPlan:
    """The whole plan; `node` is None when the router answers alone (e.g. only `__typename`)."""

    node: PlanNode | SubscriptionNode | None
