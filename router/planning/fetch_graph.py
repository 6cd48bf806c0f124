"""The fetch graph: one group per subgraph request, with the groups each one must wait for."""

from __future__ import annotations

from dataclasses import dataclass, field

from router.planning.selection_builder import SelectionBuilder

__all__ = ["FetchGraph", "FetchGroup"]


@dataclass(eq=False, kw_only=True)
class FetchGroup:
    """A future subgraph request. Entity groups merge their `_entities` results at `path`."""

    id: int
    service: str
    is_entity: bool
    path: tuple[str, ...] = ()
    selection: SelectionBuilder = field(default_factory=SelectionBuilder)
    requires: SelectionBuilder = field(default_factory=SelectionBuilder)
    typename_rewrites: dict[str, str] = field(default_factory=dict)  # concrete type -> interface object
    # For each contribution, the @skip/@include (variable, included-when) its object depends on.
    guards: list[tuple[tuple[str, bool], ...]] = field(default_factory=list)
    depends_on: list[FetchGroup] = field(default_factory=list)
    # Representation fields (type, field names down from the entity) -> the response key they are read
    # from: a representation has one value per field name, so `price(currency: "USD")` and
    # `price(currency: "EUR")` (two @requires) need two groups.
    sent: dict[tuple[str, ...], str] = field(default_factory=dict)

    def add_dependency(self, other: FetchGroup) -> None:
        if other is not self and other not in self.depends_on:
            self.depends_on.append(other)

    def shared_guard(self) -> tuple[str, bool] | None:
        """A condition every contribution depends on: when it fails, the fetch has nothing to do."""
        if not self.guards:
            return None
        common = set(self.guards[0]).intersection(*self.guards[1:])
        return next((guard for guard in self.guards[0] if guard in common), None)

    def waits_for(self, other: FetchGroup) -> bool:
        """True when this group runs after `other` (directly or transitively)."""
        seen: set[int] = set()
        stack = list(self.depends_on)
        while stack:
            group = stack.pop()
            if group is other:
                return True
            if group.id not in seen:
                seen.add(group.id)
                stack.extend(group.depends_on)
        return False


class FetchGraph:
    def __init__(self) -> None:
        self.groups: list[FetchGroup] = []
        self.root_groups: list[FetchGroup] = []

    def new_root_group(self, service: str) -> FetchGroup:
        group = FetchGroup(id=len(self.groups), service=service, is_entity=False)
        self.groups.append(group)
        self.root_groups.append(group)
        return group

    def entity_group(
        self,
        service: str,
        path: tuple[str, ...],
        after: list[FetchGroup],
        sent: dict[tuple[str, ...], str] | None = None,
    ) -> FetchGroup:
        """The entity group for `service` at `path` that can run after all of `after` and send `sent`
        beside what it sends already; reuse when possible."""
        sent = sent or {}
        for group in self.groups:
            if (
                group.is_entity
                and group.service == service
                and group.path == path
                and all(group.sent.get(field, key) == key for field, key in sent.items())
                and all(g is not group and not g.waits_for(group) for g in after)
            ):
                break
        else:
            group = FetchGroup(id=len(self.groups), service=service, is_entity=True, path=path)
            self.groups.append(group)
        group.sent.update(sent)
        for dependency in after:
            group.add_dependency(dependency)
        return group
