"""A generic federation subgraph for tests: a subgraph SDL plus JSON-like data, served over HTTP.

Data of one subgraph: `{"<Type>": [objects...], "Query": {field: value}, "Mutation": {...}}`.
Values may be:
- `{"$ref": "Type", **fields}`: the object of that type (or of a type implementing it) whose fields
  equal these; when none matches, a stub made of the given fields (an entity owned elsewhere);
- `{"$find": "Type"}` (root fields): the object whose fields equal the field's non-null arguments;
- `{"$all": "Type"}`: every object of the type;
- `{"$error": "message", "code": "..."}`: the field fails with that error.
`_entities` finds objects by any `@key` of the type; a type with no objects in the data answers
with the representation itself, so `@requires` fields can be computed from it by a resolver
(`resolvers["Type.field"](obj, **args)`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import uvicorn
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    SelectionSetNode,
    build_ast_schema,
    concat_ast,
    graphql,
    is_abstract_type,
    parse,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

__all__ = ["FixtureSubgraph", "RequestCounter", "serve_subgraphs"]

Resolver = Callable[..., Any]
_ROOTS = ("Query", "Mutation")


def _directive_args(node: Any, name: str) -> list[dict[str, Any]]:
    found = []
    for directive in getattr(node, "directives", None) or ():
        if directive.name.value == name:
            found.append({a.name.value: getattr(a.value, "value", None) for a in directive.arguments or ()})
    return found


def build_subgraph_schema(sdl: str) -> tuple[GraphQLSchema, dict[str, list[SelectionSetNode]]]:
    """The subgraph's schema with `_service`, `_entities` and `_Any`; and the key selections per type."""
    document = _extensions_as_definitions(_without_federation_internals(parse(sdl)))
    keys: dict[str, list[SelectionSetNode]] = {}
    entity_types: list[str] = []
    has_query = False
    for definition in document.definitions:
        name = getattr(getattr(definition, "name", None), "value", None)
        if name is None:
            continue
        has_query = has_query or (name == "Query" and isinstance(definition, ObjectTypeDefinitionNode))
        for args in _directive_args(definition, "key"):
            keys.setdefault(name, []).append(parse(f"{{{args['fields']}}}").definitions[0].selection_set)  # type: ignore[attr-defined]
            resolvable = args.get("resolvable", True) is not False
            if (
                resolvable
                and isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode)
                and name not in entity_types
            ):
                entity_types.append(name)
    extra = ["scalar _Any", "type _Service { sdl: String! }"]
    root_fields = ["_service: _Service!"]
    if entity_types:
        extra.append(f"union _Entity = {' | '.join(entity_types)}")
        root_fields.append("_entities(representations: [_Any!]!): [_Entity]!")
    extra.append(f"{'extend type' if has_query else 'type'} Query {{ {' '.join(root_fields)} }}")
    schema = build_ast_schema(concat_ast([document, parse("\n".join(extra))]), assume_valid_sdl=True)
    return schema, keys


def _extensions_as_definitions(document: DocumentNode) -> DocumentNode:
    """`extend type User @key(...)` with no `type User` is how a subgraph names an entity another one owns;
    graphql-core needs a definition to extend, so such an extension becomes the definition."""
    defined = {
        definition.name.value for definition in document.definitions if isinstance(definition, ObjectTypeDefinitionNode)
    }
    definitions = [
        ObjectTypeDefinitionNode(
            name=definition.name,
            interfaces=definition.interfaces,
            directives=definition.directives,
            fields=definition.fields,
        )
        if isinstance(definition, ObjectTypeExtensionNode) and definition.name.value not in defined
        else definition
        for definition in document.definitions
    ]
    return DocumentNode(definitions=tuple(definitions))


_INTERNAL_TYPES = frozenset({"_Any", "_Entity", "_Service"})
_INTERNAL_FIELDS = frozenset({"_entities", "_service"})


def _without_federation_internals(document: DocumentNode) -> DocumentNode:
    """Drop `_entities`, `_service` and their types when a library printed them into its SDL."""
    definitions = []
    for definition in document.definitions:
        name = getattr(getattr(definition, "name", None), "value", None)
        if name in _INTERNAL_TYPES:
            continue
        if isinstance(definition, ObjectTypeDefinitionNode) and name == "Query":
            fields = tuple(f for f in definition.fields or () if f.name.value not in _INTERNAL_FIELDS)
            definition = ObjectTypeDefinitionNode(
                name=definition.name,
                description=definition.description,
                interfaces=definition.interfaces,
                directives=definition.directives,
                fields=fields,
            )
        definitions.append(definition)
    return DocumentNode(definitions=tuple(definitions))


def _project(value: Any, selection_set: SelectionSetNode) -> Any:
    if isinstance(value, list):
        return [_project(v, selection_set) for v in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            inner = value.get(name)
            result[name] = _project(inner, selection.selection_set) if selection.selection_set else inner
        elif isinstance(selection, InlineFragmentNode):
            result.update(_project(value, selection.selection_set))
    return result


class FixtureSubgraph:
    def __init__(self, sdl: str, data: dict[str, Any], resolvers: dict[str, Resolver] | None = None) -> None:
        self.sdl = sdl
        self.schema, self.keys = build_subgraph_schema(sdl)
        self.resolvers = resolvers or {}
        self.objects: dict[str, list[dict[str, Any]]] = {
            name: [{"__typename": name, **obj} for obj in objects]
            for name, objects in data.items()
            if name not in _ROOTS
        }
        self.roots = {name: data.get(name, {}) for name in _ROOTS}

    async def execute(self, body: dict[str, Any]) -> dict[str, Any]:
        result = await graphql(
            self.schema,
            body.get("query", ""),
            root_value=self.roots,
            variable_values=body.get("variables") or {},
            operation_name=body.get("operationName"),
            field_resolver=self._resolve,
            type_resolver=lambda value, info, abstract: value.get("__typename") if isinstance(value, dict) else None,
        )
        return result.formatted

    def _resolve(self, parent: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        type_name = info.parent_type.name
        resolver = self.resolvers.get(f"{type_name}.{info.field_name}")
        if resolver is not None:
            return self._materialise(resolver(parent, **args), args)
        if parent is self.roots:
            if info.field_name == "_service":
                return {"sdl": self.sdl}
            if info.field_name == "_entities":
                return [self._entity(r) for r in args["representations"]]
            return self._materialise(self.roots[type_name].get(info.field_name), args)
        return self._materialise(parent.get(info.field_name) if isinstance(parent, dict) else None, args)

    def _materialise(self, value: Any, args: dict[str, Any]) -> Any:
        if isinstance(value, list):
            return [self._materialise(v, args) for v in value]
        if not isinstance(value, dict):
            return value
        if "$error" in value:
            code = value.get("code")
            raise GraphQLError(value["$error"], extensions={"code": code} if code else None)
        if "$ref" in value:
            wanted = {k: v for k, v in value.items() if k != "$ref"}
            match = next(self._matching(value["$ref"], wanted), None)
            return match if match is not None else {"__typename": value["$ref"], **wanted}
        if "$find" in value:
            wanted = {k: v for k, v in args.items() if v is not None}
            return next(self._matching(value["$find"], wanted), None)
        if "$all" in value:
            return list(self._candidates(value["$all"]))
        return value

    def _candidates(self, type_name: str) -> Iterator[dict[str, Any]]:
        type_ = self.schema.type_map.get(type_name)
        if type_ is not None and is_abstract_type(type_):
            for possible in self.schema.get_possible_types(type_):  # type: ignore[arg-type]
                yield from self.objects.get(possible.name, [])
        else:
            yield from self.objects.get(type_name, [])

    def _matching(self, type_name: str, wanted: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for obj in self._candidates(type_name):
            if all(obj.get(k) == v for k, v in wanted.items()):
                yield obj

    def _entity(self, representation: dict[str, Any]) -> dict[str, Any] | None:
        type_name = representation["__typename"]
        candidates = list(self._candidates(type_name))
        if not candidates and type_name not in self.objects:
            return dict(representation)
        for key in self.keys.get(type_name, []):
            wanted = _project(representation, key)
            for obj in candidates:
                if _project(obj, key) == wanted:
                    return {**representation, **obj}
        return None


class RequestCounter:
    """Subgraph requests served so far, over every fixture subgraph: read it before and after one
    operation (the differential tests send one at a time) to count the fetches a router made."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def add(self) -> None:
        with self._lock:
            self._count += 1

    @property
    def count(self) -> int:
        with self._lock:
            return self._count


def subgraphs_app(subgraphs: dict[str, FixtureSubgraph], counter: RequestCounter | None = None) -> Starlette:
    """One ASGI app serving every fixture subgraph at POST /<path>."""

    def endpoint(subgraph: FixtureSubgraph) -> Callable[[Request], Any]:
        async def handle(request: Request) -> JSONResponse:
            if counter is not None:
                counter.add()
            return JSONResponse(await subgraph.execute(json.loads(await request.body())))

        return handle

    return Starlette(routes=[Route(f"/{path}", endpoint(sg), methods=["POST"]) for path, sg in subgraphs.items()])


@contextmanager
def serve_subgraphs(subgraphs: dict[str, FixtureSubgraph], counter: RequestCounter | None = None) -> Iterator[str]:
    """Serve the subgraphs on a free port in a background thread; yields the origin URL."""
    sock = socket.socket()
    # Accepted connections inherit this; without it small responses wait for delayed ACKs (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # Idle connections stay open for longer than any gateway keeps them (uvicorn's default is 5 s): a
    # request written just as the server closes one fails in either gateway ("socket hang up",
    # "Can not write request body"), which a loaded machine made happen now and then.
    config = uvicorn.Config(
        subgraphs_app(subgraphs, counter), log_level="warning", lifespan="off", timeout_keep_alive=120
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        server.force_exit = True  # idle keep-alive connections from the routers must not delay teardown
        thread.join(timeout=5)
        sock.close()


def answer_from_recordings(router_core: Any, executors: Mapping[str, FixtureSubgraph]) -> None:
    """Put a recording in place of `router_core`'s subgraph sockets, for benchmarks of the router alone: each
    distinct request is executed once by its fixture subgraph and later answered with the recorded bytes, so a
    subgraph costs nothing and takes no time."""
    from router.execution import fetcher

    answers: dict[tuple[str, bytes], bytes] = {}

    async def send(instance: Any, payload: bytes, headers: Any) -> Any:
        key = (instance.service_name, payload)
        if key not in answers:
            answers[key] = json.dumps(await executors[instance.service_name].execute(json.loads(payload))).encode()
        return fetcher._Answer(200, answers[key])

    router_core.fetcher._send = send
