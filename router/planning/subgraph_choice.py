"""Choosing subgraphs: which owner of a root field, which key route to a field's owner, at what cost."""

from __future__ import annotations

from graphql import SelectionSetNode

from router.planning.operation import FieldSel, FragmentSel, PlanningError, Sel
from router.planning.ownership import Ownership
from router.supergraph.model import FieldInGraph, Key

__all__ = ["Route", "SubgraphChoice"]

_MAX_HOPS = 3

Route = list[tuple[str, str]]
"""Entity fetches to make, in order: (subgraph, type the subgraph resolves the entity as)."""


class SubgraphChoice:
    def __init__(self, ownership: Ownership, graph_names: tuple[str, ...]) -> None:
        self.own = ownership
        self.graph_names = graph_names

    def root_candidates(self, root_type: str, sel: FieldSel) -> list[tuple[str, FieldInGraph, int, int]]:
        """(graph, declaration, hop cost of the sub-selection, graph index) for each owner."""
        candidates = []
        for index, graph in enumerate(self.graph_names):
            declared = self.own.local_field(graph, root_type, sel.name, None)
            if declared is not None and declared.requires is None:
                candidates.append((graph, declared, self.cost(graph, root_type, [sel], None, 0), index))
        if not candidates:
            raise PlanningError(f'no subgraph resolves the root field "{root_type}.{sel.name}"')
        return candidates

    @staticmethod
    def pick_root_owner(
        candidates: list[tuple[str, FieldInGraph, int, int]], fetched_anyway: set[str]
    ) -> tuple[str, FieldInGraph]:
        """The owner costing the fewest fetches: its hops, plus one unless it is fetched anyway."""
        graph, declared, _, _ = min(
            candidates, key=lambda c: (c[2] + (c[0] not in fetched_anyway), c[0] not in fetched_anyway, c[3])
        )
        return graph, declared

    def route(
        self, source: str, type_name: str, provided: SelectionSetNode | None, target: str, entity_type: str
    ) -> Route | None:
        """Shortest chain of entity fetches from `source` to `target`, each hop by a key the previous has."""
        frontier: list[tuple[str, Route]] = [(source, [])]
        visited = {source}
        for _ in range(_MAX_HOPS):
            for graph, route in frontier:
                here = provided if graph == source else None
                if self.usable_key(graph, type_name, target, entity_type, here) is not None:
                    return [*route, (target, entity_type)]
            next_frontier = []
            for graph, route in frontier:
                here = provided if graph == source else None
                for hop in self.graph_names:
                    if hop in visited or not self.own.in_graph(type_name, hop):
                        continue
                    if self.usable_key(graph, type_name, hop, type_name, here) is not None:
                        visited.add(hop)
                        next_frontier.append((hop, [*route, (hop, type_name)]))
            frontier = next_frontier
        return None

    def usable_key(
        self, source: str, type_name: str, target: str, entity_type: str, provided: SelectionSetNode | None
    ) -> Key | None:
        """A resolvable key of `entity_type` in `target` whose fields `source` can select."""
        for key in self.own.keys_into(target, entity_type):
            if self.own.selection_local(source, type_name, key.selection, provided):
                return key
        return None

    def cost(
        self, graph: str, type_name: str, selections: list[Sel], provided: SelectionSetNode | None, depth: int
    ) -> int:
        """Rough number of fields the subgraph cannot answer itself (each one means another fetch)."""
        if depth > 4:
            return 0
        total = 0
        for sel in selections:
            if isinstance(sel, FragmentSel):
                condition = sel.type_condition or type_name
                total += self.cost(graph, condition, sel.selections, provided, depth)
            elif sel.name != "__typename" and self.own.has_field(type_name, sel.name):
                declared = self.own.local_field(graph, type_name, sel.name, provided)
                if declared is None or declared.requires is not None:
                    total += 1
                elif sel.selections:
                    child, _ = self.own.field_type(type_name, sel.name)
                    entry = self.own.provided_field(provided, type_name, sel.name)
                    child_provided = declared.provides or (entry.selection_set if entry else None)
                    total += self.cost(graph, child, sel.selections, child_provided, depth + 1)
        return total
