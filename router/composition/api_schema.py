"""The client-facing API schema: the supergraph without federation internals and `@inaccessible` elements."""

from __future__ import annotations

from graphql import build_schema, print_schema

from .merged import Merged
from .model import MergedField, MergedType
from .printer import TYPE_KEYWORDS, description, print_arguments, sort_key
from .subgraph import Applied

__all__ = ["print_api_schema"]

# Directives a client sees; `@tag`, `@inaccessible` and join information are for the router only.
CLIENT_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "oneOf"})
ROOTS = ("Query", "Mutation", "Subscription")


def _visible(directives: list[Applied]) -> bool:
    return not any(d.name == "inaccessible" for d in directives)


def _client_directives(directives: list[Applied]) -> str:
    return "".join(f" {d}" for d in directives if d.name in CLIENT_DIRECTIVES)


def _field(f: MergedField) -> str:
    args = [a for a in f.args.values() if _visible(a.directives)]
    stripped = [
        type(a)(a.name, a.type, a.default, a.description, [d for d in a.directives if d.name in CLIENT_DIRECTIVES])
        for a in args
    ]
    default = f" = {f.default}" if f.default is not None else ""
    return (
        description(f.description, "  ")
        + f"  {f.name}{print_arguments(stripped, '  ')}: {f.type}{default}{_client_directives(f.directives)}"
    )


def _type(t: MergedType, hidden: set[str]) -> str:
    keyword = TYPE_KEYWORDS[t.kind]
    head = description(t.description) + f"{keyword} {t.name}"
    interfaces = [i for i in t.interfaces if i not in hidden]
    if interfaces:
        head += " implements " + " & ".join(interfaces)
    head += _client_directives(t.directives)
    if t.kind == "scalar":
        return head
    if t.kind == "union":
        return head + " = " + " | ".join(m for m in t.members if m not in hidden)
    if t.kind == "enum":
        body = [
            description(v.description, "  ") + f"  {v.name}{_client_directives(v.directives)}"
            for v in t.values.values()
            if _visible(v.directives)
        ]
    else:
        body = [_field(f) for f in t.fields.values() if _visible(f.directives)]
    return head + " {\n" + "\n".join(body) + "\n}"


def print_api_schema(merged: Merged) -> str:
    """Roots first, then the other types by name; printed by graphql-core so the SDL is canonical."""
    hidden = {t.name for t in merged.types.values() if t.is_inaccessible()}
    visible = [t for t in merged.types.values() if t.name not in hidden]
    visible.sort(key=lambda t: (t.name not in ROOTS, ROOTS.index(t.name) if t.name in ROOTS else 0, sort_key(t.name)))
    sdl = "\n\n".join([d.printed() for d in merged.executable] + [_type(t, hidden) for t in visible])
    return print_schema(build_schema(sdl, assume_valid_sdl=True)) + "\n"
