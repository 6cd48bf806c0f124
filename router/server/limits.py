"""Stage: depth, aliases and root fields of an operation, checked before validation.

Measured on the syntax alone, so a hostile document is refused before the validator or planner
spends time on it. Each fragment is measured once (memoised), so fragments spread inside fragments
cannot make the walk exponential; a fragment cycle (refused later by validation) counts as depth 0.
Introspection (`__schema`, `__type`) is left out of the depth: GraphiQL's and codegen's introspection
queries nest `ofType` 15 deep, the router answers them from the schema without any subgraph, and
production turns introspection off.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from router.execution.projection import INTROSPECTION_FIELDS
from router.server.config import Limits
from router.server.errors import RequestError
from router.server.normalisation import NormalisedOperation

__all__ = ["Shape", "check_shape", "measure_shape"]


@dataclass(frozen=True, slots=True)
class Shape:
    depth: int
    aliases: int
    root_fields: int
    # Field selections once fragments are inlined: what the validator and planner will walk.
    selections: int


def measure_shape(operation: NormalisedOperation) -> Shape:
    walker = _Walker(operation.fragments)
    depth, aliases, selections = walker.measure(operation.operation.selection_set)
    root_fields = walker.root_fields(operation.operation.selection_set)
    return Shape(depth=depth, aliases=aliases, root_fields=root_fields, selections=selections)


def check_shape(shape: Shape, limits: Limits) -> None:
    for measured, limit, what, code in (
        (shape.depth, limits.max_depth, "is nested {} fields deep", "MAX_DEPTH_LIMIT"),
        (shape.aliases, limits.max_aliases, "uses {} aliases", "MAX_ALIASES_LIMIT"),
        (shape.root_fields, limits.max_root_fields, "selects {} root fields", "MAX_ROOT_FIELDS_LIMIT"),
        (
            shape.selections,
            limits.max_selections,
            "has {} field selections with fragments inlined",
            "MAX_SELECTIONS_LIMIT",
        ),
    ):
        if measured > limit:
            raise RequestError.single(
                400,
                f"The operation {what.format(measured)}; this router allows {limit}.",
                code,
                in_document=True,
            )


class _Walker:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self._fragments = fragments
        self._measured: dict[str, tuple[int, int, int]] = {}
        self._root_counts: dict[str, int] = {}
        self._in_progress: set[str] = set()

    def measure(self, selection_set: SelectionSetNode) -> tuple[int, int, int]:
        """Depth in fields, aliases and field selections, fragments inlined."""
        depth = aliases = selections = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = self.measure(selection.selection_set) if selection.selection_set else (0, 0, 0)
                if selection.name.value in INTROSPECTION_FIELDS:
                    continue
                depth = max(depth, 1 + inner[0])
                aliases += inner[1] + (selection.alias is not None)
                selections += inner[2] + 1
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.measure(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self._fragment(selection.name.value)
            else:
                continue
            depth, aliases, selections = max(depth, inner[0]), aliases + inner[1], selections + inner[2]
        return depth, aliases, selections

    def root_fields(self, selection_set: SelectionSetNode) -> int:
        count = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += selection.name.value != "__typename"
            elif isinstance(selection, InlineFragmentNode):
                count += self.root_fields(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                count += self._fragment_root_fields(selection.name.value)
        return count

    def _fragment_root_fields(self, name: str) -> int:
        known = self._root_counts.get(name)
        if known is not None:
            return known
        fragment = self._fragments.get(name)
        if fragment is None or name in self._in_progress:
            return 0
        self._in_progress.add(name)
        count = self.root_fields(fragment.selection_set)
        self._in_progress.discard(name)
        self._root_counts[name] = count
        return count

    def _fragment(self, name: str) -> tuple[int, int, int]:
        known = self._measured.get(name)
        if known is not None:
            return known
        fragment = self._fragments.get(name)
        if fragment is None or name in self._in_progress:
            return 0, 0, 0
        self._in_progress.add(name)
        measured = self.measure(fragment.selection_set)
        self._in_progress.discard(name)
        self._measured[name] = measured
        return measured
