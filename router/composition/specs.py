"""Definitions of the specs a supergraph links (`link`, `join`, `tag`, `inaccessible`), per version."""

from __future__ import annotations

__all__ = ["join_version", "spec_definitions"]

INACCESSIBLE_URL = "https://specs.apollo.dev/inaccessible/v0.2"
TAG_URL = "https://specs.apollo.dev/tag/v0.3"
LINK_URL = "https://specs.apollo.dev/link/v1.0"
AUTHENTICATED_URL = "https://specs.apollo.dev/authenticated/v0.1"
REQUIRES_SCOPES_URL = "https://specs.apollo.dev/requiresScopes/v0.1"
COST_URL = "https://specs.apollo.dev/cost/v0.1"
_ACCESS_LOCATIONS = "FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM"

_ELEMENT_LOCATIONS = (
    "FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | "
    "INPUT_OBJECT | INPUT_FIELD_DEFINITION"
)


def join_version(federation_version: tuple[int, int]) -> tuple[int, int]:
    """The lowest join spec that can carry what the highest linked federation version may use."""
    if federation_version >= (2, 8):
        return (0, 5)
    if federation_version >= (2, 7):
        return (0, 4)
    return (0, 3)


def spec_definitions(
    join: tuple[int, int], linked: frozenset[str], *, list_size: bool = False
) -> tuple[dict[str, str], dict[str, str]]:
    """Directive and type definitions (printed) by name, for sorting among the supergraph's own.
    `linked`: the specs the supergraph links besides link and join; `list_size`: `@listSize` is
    imported (else the cost spec's second directive keeps its prefixed name, as Apollo prints it)."""
    join_field_args = [
        "graph: join__Graph",
        "requires: join__FieldSet",
        "provides: join__FieldSet",
        "type: String",
        "external: Boolean",
        "override: String",
        "usedOverridden: Boolean",
    ]
    if join >= (0, 4):
        join_field_args.append("overrideLabel: String")
    if join >= (0, 5):
        join_field_args.append("contextArguments: [join__ContextArgument!]")
    directives = {
        "join__enumValue": "directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
        "join__field": f"directive @join__field({', '.join(join_field_args)}) repeatable on FIELD_DEFINITION | "
        "INPUT_FIELD_DEFINITION",
        "join__graph": "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
        "join__implements": "directive @join__implements(graph: join__Graph!, interface: String!) repeatable on "
        "OBJECT | INTERFACE",
        "join__type": "directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, "
        "resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | "
        "UNION | ENUM | INPUT_OBJECT | SCALAR",
        "join__unionMember": "directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION",
        "link": "directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable "
        "on SCHEMA",
    }
    types = {
        "join__FieldSet": "scalar join__FieldSet",
        "link__Import": "scalar link__Import",
        "link__Purpose": 'enum link__Purpose {\n  """\n  `SECURITY` features provide metadata necessary to securely '
        'resolve fields.\n  """\n  SECURITY\n\n  """\n  `EXECUTION` features provide metadata necessary for '
        'operation execution.\n  """\n  EXECUTION\n}',
    }
    if join >= (0, 4):
        directives["join__directive"] = (
            "directive @join__directive(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) "
            "repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION"
        )
        types["join__DirectiveArguments"] = "scalar join__DirectiveArguments"
    if join >= (0, 5):
        types["join__FieldValue"] = "scalar join__FieldValue"
        types["join__ContextArgument"] = (
            "input join__ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n"
            "  selection: join__FieldValue!\n}"
        )
    if "tag" in linked:
        directives["tag"] = f"directive @tag(name: String!) repeatable on {_ELEMENT_LOCATIONS} | SCHEMA"
    if "inaccessible" in linked:
        directives["inaccessible"] = f"directive @inaccessible on {_ELEMENT_LOCATIONS}"
    if "authenticated" in linked:
        directives["authenticated"] = f"directive @authenticated on {_ACCESS_LOCATIONS}"
    if "requiresScopes" in linked:
        directives["requiresScopes"] = (
            f"directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on {_ACCESS_LOCATIONS}"
        )
        types["requiresScopes__Scope"] = "scalar requiresScopes__Scope"
    if "cost" in linked:
        directives["cost"] = (
            "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | "
            "INPUT_FIELD_DEFINITION | OBJECT | SCALAR"
        )
        name = "listSize" if list_size else "cost__listSize"
        directives[name] = (
            f"directive @{name}(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], "
            "requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION"
        )
    return directives, types
