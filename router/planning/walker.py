"""Walk the client operation and assign every field to a fetch group (choosing the subgraph)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from graphql import DirectiveNode, SelectionSetNode, VariableNode

from router.planning.fetch_graph import FetchGraph, FetchGroup
from router.planning.field_sets import InternalAliases, add_field_set, sent_fields
from router.planning.operation import FieldSel, FragmentSel, PlanningError, Sel, from_selection_set
from router.planning.ownership import Ownership
from router.planning.selection_builder import SelectionBuilder
from router.planning.subgraph_choice import SubgraphChoice
from router.supergraph.model import FieldInGraph, Key

__all__ = ["Walker"]


@dataclass(frozen=True, kw_only=True)
class Position:
    """Where the walk is: a group, the builder to add to, and the response path of the object.

    `object_builder` is the object's selection outside any `@skip`/`@include` wrapper (keys go
    there); `conditions` are the wrappers entered at this object, repeated in entity groups.
    """

    group: FetchGroup
    builder: SelectionBuilder
    object_builder: SelectionBuilder
    path: tuple[str, ...]
    type_name: str
    provided: SelectionSetNode | None = None
    conditions: tuple[tuple[DirectiveNode, ...], ...] = ()
    guards: tuple[tuple[str, bool], ...] = ()
    root: RootField | None = None
    anchor: Anchor | None = None


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """Where a keyless (value) object can be fetched again from another subgraph: the nearest entity
    above it (re-entered by key) or the shareable query root field it hangs from (fetched again), and
    the fields from there down to the object, selected again in the other subgraph."""

    entity: Position | None
    root: RootField | None
    trail: tuple[FieldSel, ...]


@dataclass(frozen=True, kw_only=True)
class RootField:
    """The shareable root field a position is the (single, non-list) object of, in a query."""

    type_name: str
    sel: FieldSel
    conditions: tuple[tuple[DirectiveNode, ...], ...]


def guards_of(directives: tuple[DirectiveNode, ...]) -> tuple[tuple[str, bool], ...]:
    """(variable, included-when) for each `@skip`/`@include` on a variable."""
    found = []
    for directive in directives:
        if directive.name.value not in ("skip", "include"):
            continue
        for argument in directive.arguments or ():
            if argument.name.value == "if" and isinstance(argument.value, VariableNode):
                found.append((argument.value.name.value, directive.name.value == "include"))
    return tuple(found)


class Walker:
    """Fills a `FetchGraph` from the operation's selection tree."""

    def __init__(self, ownership: Ownership, graph_names: tuple[str, ...], aliases: InternalAliases) -> None:
        self.own = ownership
        self.graph_names = graph_names
        self.aliases = aliases
        self.choice = SubgraphChoice(ownership, graph_names)
        self.fetch_graph = FetchGraph()
        self._touched: list[list[FetchGroup]] = []

    # -- root ---------------------------------------------------------------------------------

    def walk_root(self, root_type: str, selections: list[Sel], serial: bool) -> None:
        fields = [
            (sel, conditions)
            for sel, conditions in self._root_fields(root_type, selections, ())
            if not sel.name.startswith("__")  # __typename, __schema and __type: the router answers
        ]
        candidates = [self.choice.root_candidates(root_type, sel) for sel, _ in fields]
        # Fields only one subgraph has fix the fetches we make anyway; shareable ones join them.
        chosen = set() if serial else {c[0][0] for c in candidates if len(c) == 1}
        by_graph: dict[str, FetchGroup] = {}
        for options in candidates:
            if len(options) == 1 and options[0][0] in chosen and options[0][0] not in by_graph:
                by_graph[options[0][0]] = self.fetch_graph.new_root_group(options[0][0])
        last: FetchGroup | None = None
        for (sel, conditions), options in zip(fields, candidates, strict=True):
            preferred = ({last.service} if last else set()) if serial else chosen | set(by_graph)
            graph, declared = self.choice.pick_root_owner(options, preferred)
            if serial:
                if last is None or last.service != graph:
                    last = self.fetch_graph.new_root_group(graph)
                group = last
            else:
                group = by_graph.get(graph) or self.fetch_graph.new_root_group(graph)
                by_graph[graph] = group
            builder = group.selection
            for directives in conditions:
                builder = builder.add_fragment(None, directives)
            guards = tuple(guard for directives in conditions for guard in guards_of(directives))
            group.guards.append((*guards, *guards_of(sel.directives)))
            position = Position(
                group=group,
                builder=builder,
                object_builder=group.selection,
                path=(),
                type_name=root_type,
                guards=guards,
            )
            shareable = not serial and len(options) > 1
            self._local_field(
                position,
                sel,
                declared,
                RootField(type_name=root_type, sel=sel, conditions=conditions) if shareable else None,
            )

    def _root_fields(
        self, root_type: str, selections: list[Sel], conditions: tuple[tuple[DirectiveNode, ...], ...]
    ) -> list[tuple[FieldSel, tuple[tuple[DirectiveNode, ...], ...]]]:
        fields: list[tuple[FieldSel, tuple[tuple[DirectiveNode, ...], ...]]] = []
        for sel in selections:
            if isinstance(sel, FieldSel):
                fields.append((sel, conditions))
            elif self.own.satisfies(root_type, sel.type_condition):
                inner = (*conditions, sel.directives) if sel.directives else conditions
                fields.extend(self._root_fields(root_type, sel.selections, inner))
        return fields

    # -- selections ---------------------------------------------------------------------------

    def walk(self, position: Position, selections: list[Sel]) -> None:
        if self.own.is_abstract(position.type_name) and not self.own.is_interface_object(
            position.type_name, position.group.service
        ):
            self._walk_abstract(position, selections)
        else:
            self._walk_object(position, selections)

    def _walk_object(
        self,
        position: Position,
        selections: list[Sel],
        deferred: list[tuple[Position, FieldSel, FieldInGraph]] | None = None,
    ) -> None:
        type_name, graph = position.type_name, position.group.service
        interface_object = self.own.is_interface_object(type_name, graph)
        outermost = deferred is None
        deferred = [] if deferred is None else deferred
        for sel in selections:
            if isinstance(sel, FragmentSel):
                if interface_object and sel.type_condition not in (None, type_name):
                    self._resolve_abstract_elsewhere(position, sel)
                elif self.own.satisfies(type_name, sel.type_condition):
                    self._walk_object(self._enter_condition(position, sel.directives), sel.selections, deferred)
            elif sel.name == "__typename":
                if interface_object:
                    self._resolve_abstract_elsewhere(position, sel)
                else:
                    position.builder.add_field("__typename", alias=sel.alias, directives=sel.directives)
                    self._touch(position.group)
            else:
                declared = self.own.local_field(graph, type_name, sel.name, position.provided)
                if declared is None or declared.requires is not None:
                    if not self._alongside_root(position, sel) and not self._reenter_anchor(position, sel):
                        self._hop(position, sel)
                elif sel.selections and self.choice.cost(graph, type_name, [sel], position.provided, 0):
                    deferred.append((position, sel, declared))
                else:
                    self._local_field(position, sel, declared)
        if not outermost:
            return
        # A local field whose sub-selection needs hops may be answered whole by a subgraph that
        # this object is fetched from anyway (e.g. a field only @provides made local here).
        for at, sel, declared in deferred:
            better = self._better_existing_group(at, sel)
            if better is None:
                self._local_field(at, sel, declared)
            else:
                self._hop(at, sel, only=better)

    def _alongside_root(self, position: Position, sel: FieldSel) -> bool:
        """Select a shareable root field again in another root fetch that has `sel` (no entity hop)."""
        root = position.root
        if root is None:
            return False
        for group in self.fetch_graph.root_groups:
            graph = group.service
            declared_root = self.own.local_field(graph, root.type_name, root.sel.name, None)
            if graph == position.group.service or declared_root is None or declared_root.requires is not None:
                continue
            declared = self.own.local_field(graph, position.type_name, sel.name, declared_root.provides)
            if declared is None or declared.requires is not None:
                continue
            builder = group.selection
            for directives in root.conditions:
                builder = builder.add_fragment(None, directives)
            child = builder.add_field(
                root.sel.name,
                alias=root.sel.alias,
                arguments=root.sel.arguments,
                directives=root.sel.directives,
                composite=True,
            )
            assert child is not None
            inner = child
            for directives in position.conditions:
                inner = inner.add_fragment(None, directives)
            self._touch(group)
            group.guards.append(position.guards)
            self._walk_object(
                replace(position, group=group, builder=inner, object_builder=child, provided=declared_root.provides),
                [sel],
            )
            return True
        return False

    def _better_existing_group(self, position: Position, sel: FieldSel) -> str | None:
        type_name, graph = position.type_name, position.group.service
        local_cost = self.choice.cost(graph, type_name, [sel], position.provided, 0)
        for group in self.fetch_graph.groups:
            if not group.is_entity or group.path != position.path or group.service == graph:
                continue
            declared = self.own.types[type_name].field_in(sel.name, group.service)
            if (
                declared is not None
                and declared.resolvable
                and declared.requires is None
                and self.choice.cost(group.service, type_name, [sel], None, 0) < local_cost
                and self.choice.route(graph, type_name, position.provided, group.service, type_name)
                == [(group.service, type_name)]
            ):
                return group.service
        return None

    def _enter_condition(self, position: Position, directives: tuple[DirectiveNode, ...]) -> Position:
        if not directives:
            return position
        return replace(
            position,
            builder=position.builder.add_fragment(None, directives),
            conditions=(*position.conditions, directives),
            guards=(*position.guards, *guards_of(directives)),
        )

    def _local_field(
        self, position: Position, sel: FieldSel, declared: FieldInGraph, root: RootField | None = None
    ) -> None:
        child_builder = position.builder.add_field(
            sel.name,
            alias=sel.alias,
            arguments=sel.arguments,
            directives=sel.directives,
            composite=sel.selections is not None,
        )
        self._touch(position.group)
        if child_builder is None or sel.selections is None:
            return
        child_type, lists = self.own.field_type(position.type_name, sel.name)
        provided_entry = self.own.provided_field(position.provided, position.type_name, sel.name)
        provided = declared.provides or (provided_entry.selection_set if provided_entry else None)
        child = Position(
            group=position.group,
            builder=child_builder,
            object_builder=child_builder,
            path=(*position.path, sel.response_key, *("@",) * lists),
            type_name=child_type,
            provided=provided,
            guards=(*position.guards, *guards_of(sel.directives)),
            root=root if lists == 0 else None,
            anchor=self._child_anchor(position, sel, child_type, root),
        )
        self.walk(child, sel.selections)

    def _child_anchor(self, parent: Position, sel: FieldSel, child_type: str, root: RootField | None) -> Anchor | None:
        """The anchor of a keyless object child: through its parent's (or the parent itself, an entity)."""
        if self.own.is_abstract(child_type) or self._is_entity(child_type):
            return None
        if self._is_entity(parent.type_name) and not self.own.is_abstract(parent.type_name):
            return Anchor(entity=parent, root=None, trail=(sel,))
        if parent.anchor is not None:
            return replace(parent.anchor, trail=(*parent.anchor.trail, sel))
        if root is not None:
            return Anchor(entity=None, root=root, trail=())
        return None

    def _is_entity(self, type_name: str) -> bool:
        return any(in_graph.keys for in_graph in self.own.types[type_name].graphs.values())

    # -- keyless objects: re-entering at the anchor -------------------------------------------

    def _reenter_anchor(self, position: Position, sel: FieldSel) -> bool:
        """Fetch a field of a keyless object from another subgraph by re-entering at its anchor."""
        anchor = position.anchor
        if anchor is None:
            return False
        source = position.group.service
        if anchor.entity is not None:
            entity = anchor.entity
            for graph in self._ordered_graphs(entity.path):
                if graph == source or not self._resolves_trail(graph, entity.type_name, anchor.trail, sel):
                    continue
                target = self._enter_by_route(entity, graph)
                if target is not None:
                    self._select_trail(target, anchor.trail, position, sel)
                    return True
            return False
        assert anchor.root is not None
        root = anchor.root
        for graph in self.graph_names:
            declared_root = self.own.local_field(graph, root.type_name, root.sel.name, None)
            if graph == source or declared_root is None or declared_root.requires is not None:
                continue
            if not self._resolves_trail(graph, root.type_name, (root.sel, *anchor.trail), sel):
                continue
            group = next((g for g in self.fetch_graph.root_groups if g.service == graph), None)
            group = group or self.fetch_graph.new_root_group(graph)
            builder = group.selection
            for directives in root.conditions:
                builder = builder.add_fragment(None, directives)
            group.guards.append(position.guards)
            at_root = Position(
                group=group, builder=builder, object_builder=group.selection, path=(), type_name=root.type_name
            )
            self._select_trail(at_root, (root.sel, *anchor.trail), position, sel)
            return True
        return False

    def _resolves_trail(self, graph: str, type_name: str, trail: tuple[FieldSel, ...], sel: FieldSel) -> bool:
        for step in (*trail, sel):
            declared = self.own.local_field(graph, type_name, step.name, None)
            if declared is None or declared.requires is not None:
                return False
            if step is not sel:
                type_name, _ = self.own.field_type(type_name, step.name)
        return True

    def _enter_by_route(self, entity: Position, graph: str) -> Position | None:
        """The position inside an entity group of `graph` for the entity, by the shortest key route."""
        type_name = entity.type_name
        route = self.choice.route(entity.group.service, type_name, entity.provided, graph, type_name)
        if route is None:
            return None
        current = entity
        for hop, entity_type in route:
            key = self.choice.usable_key(current.group.service, type_name, hop, entity_type, current.provided)
            assert key is not None
            current = self._enter_entity(current, hop, entity_type, key, None, [])
        return current

    def _select_trail(self, start: Position, trail: tuple[FieldSel, ...], at: Position, sel: FieldSel) -> None:
        """Select the trail's fields from `start` down to the keyless object, then `sel` there."""
        builder, type_name = start.builder, start.type_name
        for step in trail:
            child = builder.add_field(
                step.name, alias=step.alias, arguments=step.arguments, directives=step.directives, composite=True
            )
            assert child is not None
            builder = child
            type_name, _ = self.own.field_type(type_name, step.name)
        self._touch(start.group)
        declared = self.own.local_field(start.group.service, type_name, sel.name, None)
        assert declared is not None
        leaf = replace(at, group=start.group, builder=builder, object_builder=builder, provided=None, conditions=())
        self._local_field(leaf, sel, declared)

    # -- abstract types -----------------------------------------------------------------------

    def _walk_abstract(self, position: Position, selections: list[Sel]) -> None:
        abstract, graph = position.type_name, position.group.service
        runtime = self.own.runtime_types(abstract, graph)
        position = replace(position, root=None)
        position.object_builder.add_field("__typename")
        self._touch(position.group)
        if self._abstract_local(position, selections, runtime):
            self._walk_abstract_local(position, selections, runtime)
            return
        for possible in runtime:
            projected = self._project(selections, possible)
            if projected:
                self._walk_object(
                    replace(
                        position,
                        builder=position.builder.add_fragment(possible),
                        object_builder=position.object_builder.add_fragment(possible),
                        type_name=possible,
                    ),
                    projected,
                )

    def _abstract_local(self, position: Position, selections: list[Sel], runtime: list[str]) -> bool:
        """The subgraph answers every field at the abstract level for all its runtime types."""
        abstract, graph = position.type_name, position.group.service
        for sel in selections:
            if isinstance(sel, FragmentSel):
                condition = sel.type_condition
                if condition is None or condition == abstract:
                    if not self._abstract_local(position, sel.selections, runtime):
                        return False
                elif self.own.is_abstract(condition):
                    return False
            elif sel.name != "__typename":
                for type_name in (abstract, *runtime):
                    declared = self.own.local_field(graph, type_name, sel.name, position.provided)
                    if declared is None or declared.requires is not None:
                        return False
        return True

    def _walk_abstract_local(self, position: Position, selections: list[Sel], runtime: list[str]) -> None:
        abstract, graph = position.type_name, position.group.service
        for sel in selections:
            if isinstance(sel, FragmentSel):
                condition = sel.type_condition
                if condition is None or condition == abstract:
                    inner = self._enter_condition(position, sel.directives)
                    self._walk_abstract_local(inner, sel.selections, runtime)
                elif condition in runtime:
                    conditions = (*position.conditions, sel.directives) if sel.directives else position.conditions
                    self._walk_object(
                        replace(
                            position,
                            builder=position.builder.add_fragment(condition, sel.directives),
                            object_builder=position.object_builder.add_fragment(condition),
                            type_name=condition,
                            conditions=conditions,
                            guards=(*position.guards, *guards_of(sel.directives)),
                        ),
                        sel.selections,
                    )
            elif sel.name == "__typename":
                position.builder.add_field("__typename", alias=sel.alias, directives=sel.directives)
                self._touch(position.group)
            else:
                declared = self.own.local_field(graph, abstract, sel.name, position.provided)
                assert declared is not None
                self._local_field(position, sel, declared)

    def _project(self, selections: list[Sel], type_name: str) -> list[Sel]:
        """The selections that apply to objects of `type_name`, fragments on it flattened."""
        projected: list[Sel] = []
        for sel in selections:
            if isinstance(sel, FieldSel):
                projected.append(sel)
            elif self.own.satisfies(type_name, sel.type_condition):
                inner = self._project(sel.selections, type_name)
                if sel.directives:
                    projected.append(FragmentSel(type_condition=None, directives=sel.directives, selections=inner))
                else:
                    projected.extend(inner)
        return projected

    def _resolve_abstract_elsewhere(self, position: Position, sel: Sel) -> None:
        """At an @interfaceObject, ask a subgraph that knows the implementations (for __typename etc.)."""
        interface, source = position.type_name, position.group.service
        for graph in self._ordered_graphs(position.path):
            if self.own.is_interface_object(interface, graph) or not self.own.in_graph(interface, graph):
                continue
            key = self.choice.usable_key(source, interface, graph, interface, position.provided)
            if key is not None:
                target = self._enter_entity(position, graph, interface, key, None, [])
                self._walk_abstract(target, [sel])
                return
        raise PlanningError(f'no subgraph can resolve the concrete type of interface "{interface}"')

    # -- entity hops --------------------------------------------------------------------------

    def _hop(self, position: Position, sel: FieldSel, only: str | None = None) -> None:
        type_name = position.type_name
        targets: list[tuple[str, str, FieldInGraph]] = []
        for graph in [only] if only else self.graph_names:
            declared = self.own.types[type_name].field_in(sel.name, graph)
            if declared is not None and declared.resolvable:
                targets.append((graph, type_name, declared))
        if not targets and not self.own.is_abstract(type_name):
            for graph, interface in self.own.interface_objects_with(type_name, sel.name):
                declared = self.own.types[interface].field_in(sel.name, graph)
                assert declared is not None
                targets.append((graph, interface, declared))
        if not targets:
            raise PlanningError(f'no subgraph resolves "{type_name}.{sel.name}"')
        existing = {g.service for g in self.fetch_graph.groups if g.is_entity and g.path == position.path}
        best: tuple[tuple[int, int, int, int], list[tuple[str, str]], FieldInGraph] | None = None
        for graph, entity_type, declared in targets:
            route = self.choice.route(position.group.service, type_name, position.provided, graph, entity_type)
            if route is None:
                continue
            score = (
                graph not in existing,
                len(route),
                self.choice.cost(graph, entity_type, [sel], None, 0),
                self.graph_names.index(graph),
            )
            if best is None or score < best[0]:
                best = (score, route, declared)
        if best is None:
            owners = ", ".join(f'"{graph}"' for graph, _, _ in targets)
            raise PlanningError(
                f'cannot reach "{type_name}.{sel.name}" from subgraph "{position.group.service}": no resolvable '
                f"@key of {type_name} in {owners} that it can select"
            )
        _, route, declared = best
        current = position
        for graph, entity_type in route[:-1]:
            key = self.choice.usable_key(current.group.service, type_name, graph, entity_type, current.provided)
            assert key is not None
            current = self._enter_entity(current, graph, entity_type, key, None, [])
        graph, entity_type = route[-1]
        key = self.choice.usable_key(current.group.service, type_name, graph, entity_type, current.provided)
        assert key is not None
        required_by: list[FetchGroup] = []
        requires = self.aliases.apply(declared.requires) if declared.requires is not None else None
        if requires is not None:
            required_by = self._walk_requirements(current, requires)
        target = self._enter_entity(current, graph, entity_type, key, requires, required_by)
        self._local_field(target, sel, declared)

    def _walk_requirements(self, position: Position, requires: SelectionSetNode) -> list[FetchGroup]:
        """Plan the `@requires` fields at the object; return the groups they landed in."""
        self._touched.append([])
        at_object = replace(position, builder=position.object_builder, conditions=())
        self.walk(at_object, from_selection_set(requires))
        return self._touched.pop()

    def _enter_entity(
        self,
        position: Position,
        graph: str,
        entity_type: str,
        key: Key,
        requires: SelectionSetNode | None,
        required_by: list[FetchGroup],
    ) -> Position:
        """Select the key at the object and return the position inside the entity group for it."""
        type_name = position.type_name
        key_fields = self.aliases.apply(key.selection)
        position.object_builder.add_field("__typename")
        add_field_set(position.object_builder, key_fields)
        self._touch(position.group)
        sent = sent_fields(requires, (type_name,)) if requires is not None else None
        group = self.fetch_graph.entity_group(graph, position.path, [position.group, *required_by], sent)
        group.guards.append(position.guards)
        representation = group.requires.add_fragment(type_name)
        representation.add_field("__typename")
        add_field_set(representation, key_fields)
        if requires is not None:
            add_field_set(representation, requires)
        if entity_type != type_name:
            group.typename_rewrites[type_name] = entity_type
        object_builder = group.selection.add_fragment(entity_type)
        if self.own.is_abstract(entity_type) and not self.own.is_interface_object(entity_type, graph):
            # The object may only know the interface's name so far (from an @interfaceObject).
            object_builder.add_field("__typename")
        builder = object_builder
        for directives in position.conditions:
            builder = builder.add_fragment(None, directives)
        self._touch(group)
        return Position(
            group=group,
            builder=builder,
            object_builder=object_builder,
            path=position.path,
            type_name=entity_type,
            conditions=position.conditions,
            guards=position.guards,
        )

    # -- helpers ------------------------------------------------------------------------------

    def _touch(self, group: FetchGroup) -> None:
        for touched in self._touched:
            if group not in touched:
                touched.append(group)

    def _ordered_graphs(self, path: tuple[str, ...]) -> list[str]:
        existing = {g.service for g in self.fetch_graph.groups if g.is_entity and g.path == path}
        return sorted(self.graph_names, key=lambda g: (g not in existing, self.graph_names.index(g)))
