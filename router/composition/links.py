"""`@link` on a subgraph's schema: which specs it links, at which version, and under which local names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
)

__all__ = [
    "FEDERATION_DIRECTIVES_BY_VERSION",
    "FEDERATION_IDENTITY",
    "REQUIRED_ARGUMENTS",
    "LinkError",
    "LinkedSpec",
    "Links",
    "directive_arguments",
    "federation_directives",
    "parse_links",
]

FEDERATION_IDENTITY = "https://specs.apollo.dev/federation"
LINK_IDENTITY = "https://specs.apollo.dev/link"

# Directive names each federation version adds (a version has its own and all earlier ones).
FEDERATION_DIRECTIVES_BY_VERSION: dict[tuple[int, int], tuple[str, ...]] = {
    (2, 0): ("key", "requires", "provides", "external", "tag", "extends", "shareable", "inaccessible", "override"),
    (2, 1): ("composeDirective",),
    (2, 3): ("interfaceObject",),
    (2, 5): ("authenticated", "requiresScopes"),
    (2, 6): ("policy",),
    (2, 8): ("context", "fromContext"),
    (2, 9): ("cost", "listSize"),
}
FEDERATION_TYPES = ("FieldSet", "Scope", "Policy", "ContextFieldValue")
# Arguments of the federation directives this composer merges; the others are rejected by name later.
_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "key": ("fields", "resolvable"),
    "requires": ("fields",),
    "provides": ("fields",),
    "external": ("reason",),
    "override": ("from",),
    "tag": ("name",),
    "composeDirective": ("name",),
    "authenticated": (),
    "requiresScopes": ("scopes",),
    "cost": ("weight",),
    "listSize": ("assumedSize", "slicingArguments", "sizedFields", "requireOneSlicingArgument"),
}
REQUIRED_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "key": ("fields",),
    "requires": ("fields",),
    "provides": ("fields",),
    "override": ("from",),
    "tag": ("name",),
    "requiresScopes": ("scopes",),
    "cost": ("weight",),
}
SUPPORTED_FEDERATION = ((2, 0), (2, 11))

_URL = re.compile(r"^(?P<identity>.+)/(?P<name>[A-Za-z_][\w-]*)/v(?P<major>\d+)\.(?P<minor>\d+)$")


class LinkError(Exception):
    """A `@link` that cannot be understood; carries an Apollo error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LinkedSpec:
    """One `@link(url:, as:, import:)`: `imports` maps a local name to the spec's own name
    (directives keep their `@`)."""

    url: str
    identity: str
    name: str
    version: tuple[int, int]
    alias: str | None
    imports: dict[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.alias or self.name


@dataclass
class Links:
    """All the specs a subgraph links, and a resolver from local directive names to spec names."""

    specs: list[LinkedSpec]

    @property
    def federation(self) -> LinkedSpec | None:
        return next((s for s in self.specs if s.identity == FEDERATION_IDENTITY), None)

    def resolve_directive(self, local: str) -> tuple[LinkedSpec, str] | None:
        """The spec and spec-side name behind a directive written `@local`, if it comes from a link."""
        for spec in self.specs:
            original = spec.imports.get("@" + local)
            if original is not None:
                return spec, original[1:]
            if local.startswith(spec.prefix + "__"):
                return spec, local[len(spec.prefix) + 2 :]
        if local == "link":
            link_spec = next((s for s in self.specs if s.identity == LINK_IDENTITY), None)
            if link_spec is None or link_spec.alias is None:
                return LinkedSpec("", LINK_IDENTITY, "link", (1, 0), None), "link"
        return None

    def local_name(self, spec: LinkedSpec, original: str) -> str:
        """How a spec directive is written in this subgraph (`key`, `primaryKey`, `federation__key`)."""
        for local, orig in spec.imports.items():
            if orig == "@" + original:
                return local[1:]
        return f"{spec.prefix}__{original}"


def _string(value: object) -> str | None:
    return value.value if isinstance(value, StringValueNode) else None


def _link_spec(directive: ConstDirectiveNode) -> LinkedSpec:
    args = {a.name.value: a.value for a in directive.arguments or ()}
    url = _string(args.get("url"))
    if url is None:
        raise LinkError("INVALID_LINK_DIRECTIVE_USAGE", "@link is missing its url argument")
    match = _URL.match(url)
    if match is None:
        raise LinkError(
            "INVALID_LINK_IDENTIFIER", f'Invalid url "{url}" in @link: expected "<identity>/<name>/v<x>.<y>"'
        )
    alias = _string(args.get("as"))
    imports: dict[str, str] = {}
    raw_imports = args.get("import")
    values = raw_imports.values if isinstance(raw_imports, ListValueNode) else ()
    for value in values:
        if isinstance(value, StringValueNode):
            imports[value.value] = value.value
        elif isinstance(value, ObjectValueNode):
            obj = {f.name.value: _string(f.value) for f in value.fields}
            name, local = obj.get("name"), obj.get("as") or obj.get("name")
            if name is None or local is None:
                raise LinkError("INVALID_LINK_DIRECTIVE_USAGE", f"Invalid import {value} in @link({url})")
            imports[local] = name
    version = (int(match["major"]), int(match["minor"]))
    return LinkedSpec(url, match["identity"] + "/" + match["name"], match["name"], version, alias, imports)


def parse_links(document: DocumentNode) -> Links:
    """Collect every `@link` applied to the schema definition or its extensions."""
    specs: list[LinkedSpec] = []
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            for directive in definition.directives or ():
                if directive.name.value == "link":
                    specs.append(_link_spec(directive))
    links = Links(specs)
    federation = links.federation
    if federation is not None:
        _check_federation_imports(federation)
    return links


def directive_arguments(name: str, version: tuple[int, int]) -> frozenset[str] | None:
    """The arguments federation `version` gives directive `name`; None for directives whose
    arguments are not checked (those this composer rejects anyway)."""
    if name not in _ARGUMENTS and name not in ("shareable", "inaccessible", "extends", "interfaceObject"):
        return None
    extra = ("label",) if name == "override" and version >= (2, 7) else ()
    return frozenset(_ARGUMENTS.get(name, ()) + extra)


def federation_directives(version: tuple[int, int]) -> set[str]:
    return {d for since, names in FEDERATION_DIRECTIVES_BY_VERSION.items() if since <= version for d in names}


def _check_federation_imports(spec: LinkedSpec) -> None:
    low, high = SUPPORTED_FEDERATION
    if not low <= spec.version <= high:
        raise LinkError(
            "UNKNOWN_FEDERATION_LINK_VERSION",
            f"Invalid version v{spec.version[0]}.{spec.version[1]} for the federation feature in @link "
            f"directive on schema: supported versions are v2.0 to v{high[0]}.{high[1]}",
        )
    known = {"@" + d for d in federation_directives(spec.version)} | set(FEDERATION_TYPES)
    for original in spec.imports.values():
        if original not in known:
            raise LinkError("INVALID_LINK_DIRECTIVE_USAGE", f'Cannot import unknown element "{original}".')
