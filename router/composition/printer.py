"""Printing the merged model as a supergraph SDL in the layout Apollo composition uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

from graphql import StringValueNode, print_ast
from graphql.language.block_string import print_block_string

from .merged import Merged
from .model import JoinField, JoinType, MergedArgument, MergedField, MergedType
from .spec_names import subgraph_uses
from .specs import (
    AUTHENTICATED_URL,
    COST_URL,
    INACCESSIBLE_URL,
    LINK_URL,
    REQUIRES_SCOPES_URL,
    TAG_URL,
    join_version,
    spec_definitions,
)
from .subgraph import Applied

__all__ = ["TYPE_KEYWORDS", "print_supergraph", "sort_key", "string"]

Names: TypeAlias = Mapping[str, str]
NO_RENAMES: Names = {}


def string(value: str) -> str:
    return print_ast(StringValueNode(value=value))


def sort_key(name: str) -> tuple[str, str]:
    """Close to JavaScript's `localeCompare`, which Apollo sorts definitions with."""
    return (name.lower(), name)


def description(text: str | None, indent: str = "", first: bool = True) -> str:
    """A block-string description; like graphql-js, a blank line separates it from a previous sibling."""
    if text is None:
        return ""
    block = print_block_string(text)
    return ("" if first else "\n") + "\n".join(indent + line if line else line for line in block.split("\n")) + "\n"


# The specs federation directives bring into the supergraph, in the federation spec's order, with the
# directives that make a subgraph use each.
_SPEC_DIRECTIVES = (
    ("tag", ("tag",)),
    ("inaccessible", ("inaccessible",)),
    ("authenticated", ("authenticated",)),
    ("requiresScopes", ("requiresScopes",)),
    ("cost", ("cost", "listSize")),
)


def linked_specs(merged: Merged) -> list[str]:
    """The specs above that some subgraph applies, in the order Apollo links them: by first subgraph
    using them, then in the federation spec's own order."""
    order: list[str] = []
    for subgraph in merged.subgraphs:
        order += [
            spec
            for spec, names in _SPEC_DIRECTIVES
            if spec not in order and any(subgraph_uses(subgraph, n) for n in names)
        ]
    return order


def _composed_links(merged: Merged) -> list[str]:
    """One `@link` per spec with composed directives, importing them under their supergraph names."""
    by_url: dict[str, list[str]] = {}
    for c in merged.composed:
        by_url.setdefault(c.url, []).append(
            string("@" + c.name)
            if c.name == c.original
            else f"{{name: {string('@' + c.original)}, as: {string('@' + c.name)}}}"
        )
    return [f"@link(url: {string(url)}, import: [{', '.join(imports)}])" for url, imports in by_url.items()]


_SPEC_LINKS = {
    "tag": (TAG_URL, ""),
    "inaccessible": (INACCESSIBLE_URL, ", for: SECURITY"),
    "authenticated": (AUTHENTICATED_URL, ", for: SECURITY"),
    "requiresScopes": (REQUIRES_SCOPES_URL, ", for: SECURITY"),
    "cost": (COST_URL, ""),
}


def _spec_link(spec: str, local: str, *, list_size: bool = False) -> str:
    url, purpose = _SPEC_LINKS[spec]
    imports = "" if local == spec else f", import: [{{name: {string('@' + spec)}, as: {string('@' + local)}}}]"
    if list_size:  # `@cost` is the spec's own name; `@listSize` is imported so it is not `@cost__listSize`
        imports = ', import: ["@listSize"]'
    return f"@link(url: {string(url)}{purpose}{imports})"


def print_join_type(j: JoinType) -> str:
    args = [f"graph: {j.graph}"]
    if j.key is not None:
        args.append(f"key: {string(j.key)}")
    if j.extension:
        args.append("extension: true")
    if not j.resolvable or j.resolvable_given:
        args.append(f"resolvable: {'true' if j.resolvable else 'false'}")
    if j.is_interface_object:
        args.append("isInterfaceObject: true")
    return f"@join__type({', '.join(args)})"


def print_join_field(j: JoinField) -> str:
    if j.graph is None:
        return "@join__field"
    args = [f"graph: {j.graph}"]
    for name, value in (("requires", j.requires), ("provides", j.provides), ("type", j.type)):
        if value is not None:
            args.append(f"{name}: {string(value)}")
    if j.external:
        args.append("external: true")
    if j.override is not None:
        args.append(f"override: {string(j.override)}")
    if j.used_overridden:
        args.append("usedOverridden: true")
    if j.override_label is not None:
        args.append(f"overrideLabel: {string(j.override_label)}")
    return f"@join__field({', '.join(args)})"


def _directive_list(directives: Iterable[Applied], joins: Iterable[str] = (), names: Names = NO_RENAMES) -> list[str]:
    """`@inaccessible` first, then join directives, then the rest (Apollo's order); `names` renames
    `tag`/`inaccessible` to the name the subgraphs import them under."""
    ds = [Applied(names.get(d.name, d.name), d.args) if d.name in names else d for d in directives]
    hidden = names.get("inaccessible", "inaccessible")
    parts = [str(d) for d in ds if d.name == hidden] + list(joins)
    return parts + [str(d) for d in ds if d.name != hidden]


def _directives(directives: Iterable[Applied], joins: Iterable[str] = (), names: Names = NO_RENAMES) -> str:
    return "".join(" " + p for p in _directive_list(directives, joins, names))


def print_argument(a: MergedArgument, indent: str = "", first: bool = True, names: Names = NO_RENAMES) -> str:
    default = f" = {a.default}" if a.default is not None else ""
    directives = _directives(a.directives, names=names)
    return f"{description(a.description, indent, first)}{indent}{a.name}: {a.type}{default}{directives}"


def print_arguments(args: Iterable[MergedArgument], indent: str, names: Names = NO_RENAMES) -> str:
    args = list(args)
    if not args:
        return ""
    if all(a.description is None for a in args):
        return "(" + ", ".join(print_argument(a, names=names) for a in args) + ")"
    inner = indent + "  "
    return "(\n" + "\n".join(print_argument(a, inner, i == 0, names) for i, a in enumerate(args)) + "\n" + indent + ")"


def print_field(f: MergedField, first: bool = True, names: Names = NO_RENAMES) -> str:
    assert f.type is not None
    default = f" = {f.default}" if f.default is not None else ""
    head = f"  {f.name}{print_arguments(f.args.values(), '  ', names)}: {f.type}{default}"
    if [j.graph for j in f.joins] == [None]:
        # Apollo adds the bare `@join__field` of a field only an @interfaceObject resolves after merging
        # the field's directives, so it comes last.
        return description(f.description, "  ", first) + head + _directives(f.directives, names=names) + " @join__field"
    joins = [print_join_field(j) for j in f.joins]
    return description(f.description, "  ", first) + head + _directives(f.directives, joins, names)


# The SDL keyword that opens each kind of type definition.
TYPE_KEYWORDS = {
    "object": "type",
    "interface": "interface",
    "union": "union",
    "enum": "enum",
    "input": "input",
    "scalar": "scalar",
}


def print_type(t: MergedType, names: Names = NO_RENAMES) -> str:
    keyword = TYPE_KEYWORDS[t.kind]
    head = f"{keyword} {t.name}"
    if t.interfaces:
        head += " implements " + " & ".join(t.interfaces)
    joins = [f"@join__implements(graph: {g}, interface: {string(i)})" for g, i in t.implements]
    joins += [print_join_type(j) for j in t.join_types]
    joins += [f"@join__unionMember(graph: {g}, member: {string(m)})" for g, m in t.member_joins]
    lines = joins + _directive_list(t.directives, names=names)
    out = description(t.description) + head + "".join("\n  " + line for line in lines)
    if t.kind == "union":
        return out + ("\n = " + " | ".join(t.members) if t.members else "")
    if t.kind == "scalar":
        return out
    if t.kind == "enum":
        body = [
            description(v.description, "  ", i == 0)
            + f"  {v.name}"
            + _directives(v.directives, [f"@join__enumValue(graph: {g})" for g in v.graphs], names)
            for i, v in enumerate(t.values.values())
        ]
    else:
        body = [print_field(f, i == 0, names) for i, f in enumerate(t.fields.values())]
    return out + "\n{\n" + "\n".join(body) + "\n}"


def print_supergraph(merged: Merged) -> str:
    join = join_version(merged.federation_version)
    specs = linked_specs(merged)
    list_size = any(subgraph_uses(s, "listSize") for s in merged.subgraphs)
    links = [
        f"@link(url: {string(LINK_URL)})",
        f'@link(url: "https://specs.apollo.dev/join/v{join[0]}.{join[1]}", for: EXECUTION)',
    ]
    links += [
        _spec_link(spec, merged.spec_names.get(spec, spec), list_size=spec == "cost" and list_size) for spec in specs
    ]
    links += _composed_links(merged)
    roots = [
        (op, name)
        for op, name in (("query", "Query"), ("mutation", "Mutation"), ("subscription", "Subscription"))
        if name in merged.types
    ]
    schema = "schema\n" + "".join(f"  {link}\n" for link in links) + "{\n"
    schema += "".join(f"  {op}: {name}\n" for op, name in roots) + "}"
    directives, spec_types = spec_definitions(join, frozenset(specs), list_size=list_size)
    for spec, local in merged.spec_names.items():
        if spec in directives:
            directives[local] = directives.pop(spec).replace(f"directive @{spec}", f"directive @{local}", 1)
    directives.update({c.name: c.printed_definition for c in merged.composed})
    directives.update({d.name: d.printed() for d in merged.executable})
    graph_enum = (
        "enum join__Graph {\n"
        + "\n".join(
            f"  {g} @join__graph(name: {string(s.name)}, url: {string(s.url)})"
            for g, s in zip(merged.graph_names, merged.subgraphs, strict=True)
        )
        + "\n}"
    )
    types = dict(spec_types, join__Graph=graph_enum)
    types.update({t.name: print_type(t, merged.spec_names) for t in merged.types.values()})
    blocks = [schema]
    blocks += [directives[n] for n in sorted(directives, key=sort_key)]
    blocks += [types[n] for n in sorted(types, key=sort_key)]
    return "\n\n".join(blocks) + "\n"
