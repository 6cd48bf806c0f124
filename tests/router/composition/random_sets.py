"""Random subgraph sets from a seed: many small variations on entities, value types, enums, inputs,
interfaces, unions, overrides and the ways a subgraph may name federation directives.

About two thirds fail (field sharing, nullability, enum and input intersection, arguments,
unreachable fields, import names), the rest compose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from router.composition import SubgraphSource

SCALARS = ("String", "Int", "Float", "Boolean", "ID")
DIRECTIVES = ("key", "shareable", "external", "requires", "provides", "override", "inaccessible", "tag")
FEDERATION = "https://specs.apollo.dev/federation/v2.{minor}"


def _linked(rng: random.Random, body: str) -> str:
    """`body` written with plain directive names, linked in one of the ways a subgraph may link federation."""
    url = FEDERATION.format(minor=rng.choice((0, 3, 7, 8, 11)))
    style = rng.choice(("import", "import", "import", "prefix", "alias", "rename"))
    names = {d: d for d in DIRECTIVES}
    if style == "import":
        link = f'@link(url: "{url}", import: [{", ".join(f"{chr(34)}@{d}{chr(34)}" for d in DIRECTIVES)}])'
    elif style == "prefix":
        link = f'@link(url: "{url}")'
        names = {d: f"federation__{d}" for d in DIRECTIVES}
    elif style == "alias":
        link = f'@link(url: "{url}", as: "fed")'
        names = {d: f"fed__{d}" for d in DIRECTIVES}
    else:
        names.update(key="primaryKey", shareable="share")
        imports = [f'{{name: "@{d}", as: "@{n}"}}' if d != n else f'"@{d}"' for d, n in names.items()]
        link = f'@link(url: "{url}", import: [{", ".join(imports)}])'
    for d in DIRECTIVES:
        body = body.replace(f"@{d}(", f"@{names[d]}(").replace(f"@{d} ", f"@{names[d]} ")
    return f"extend schema {link}\n{body}"


@dataclass
class _Subgraph:
    name: str
    blocks: list[str] = field(default_factory=list)
    query: list[str] = field(default_factory=list)


def _type(rng: random.Random, base: str, nullable_bias: float = 0.5) -> str:
    t = base if rng.random() < nullable_bias else base + "!"
    if rng.random() < 0.03:
        t = f"[{t}]" if rng.random() < 0.5 else f"[{t}]!"
    return t


def random_set(seed: int) -> list[SubgraphSource]:
    rng = random.Random(seed)
    count = rng.choice((2, 2, 3))
    subgraphs = [_Subgraph(name) for name in ("alpha", "beta", "gamma")[:count]]
    entity_fields = {f: rng.choice(SCALARS) for f in ("name", "score", "label", "rank")}
    key = rng.choice(("id", "id", "id code"))
    enum_values = ["RED", "GREEN", "BLUE", "BLACK"]
    input_fields = {"a": "Int", "b": "String", "c": "Boolean"}
    shared_scalar_field = rng.choice(SCALARS)
    for i, s in enumerate(subgraphs):
        # An entity every subgraph may define, each with its own share of fields.
        if i == 0 or rng.random() < 0.8:
            fields = ["id: ID!"] + (["code: String!"] if "code" in key else [])
            for fname, ftype in entity_fields.items():
                if rng.random() < 0.4:
                    directive = rng.choice((" @shareable",) * 6 + ("", " @shareable @inaccessible"))
                    directive += ' @tag(name: "t")' if rng.random() < 0.2 else ""
                    fields.append(f"{fname}: {_type(rng, ftype)}{directive}")
            if i > 0 and rng.random() < 0.3 and "name: " not in " ".join(fields):
                fields.append(f"name: {entity_fields['name']} @external")
                fields.append('nameLength: Int @requires(fields: "name")')
            if i > 0 and rng.random() < 0.15:
                label = rng.choice(("", ', label: "percent(5)"'))
                fields.append(f'moved: Int @override(from: "alpha"{label})')
            elif i == 0:
                fields.append("moved: Int")
            resolvable = ", resolvable: false" if i > 0 and rng.random() < 0.1 else ""
            implements = " implements Node" if rng.random() < 0.3 else ""
            if implements:
                s.blocks.append("interface Node { id: ID! }")
                s.query.append(f"node{i}: Node")
            owner = rng.random() < 0.3
            if owner:
                fields.append("owner: Owner")
                owner_key = '@key(fields: "id")' if i == 0 or rng.random() < 0.8 else ""
                s.blocks.append(f"type Owner {owner_key} {{ id: ID! {'nick: String' if i == 0 else ''} }}")
            s.blocks.append(f'type Thing{implements} @key(fields: "{key}"{resolvable}) {{ {" ".join(fields)} }}')
            if i == 0 or rng.random() < 0.5:
                s.query.append(f"thing{i}(id: ID!): Thing")
            if i == 0 and rng.random() < 0.3:
                s.blocks.append("union Found = Thing | Money")
                s.query.append("found: [Found]")
                s.blocks.append("type Money @shareable { amount: Int currency: String }")
        # A value type, identical or nearly so.
        if rng.random() < 0.6 and "type Money" not in " ".join(s.blocks):
            share = " @shareable" if rng.random() < 0.95 else ""
            extra = " currency: String" if rng.random() < 0.9 else ""
            s.blocks.append(f"type Money{share} {{ amount: {_type(rng, 'Int', 0.3)}{extra} }}")
            s.query.append(f"price{i}: Money")
        # An enum used as output, input, or both.
        if rng.random() < 0.6:
            values = [v for v in enum_values if rng.random() < 0.9] or ["RED"]
            s.blocks.append(f"enum Color {{ {' '.join(values)} }}")
            use = rng.choice(("out", "out", "in", "in", "both"))
            if use in ("out", "both"):
                s.query.append(f"color{i}: Color")
            if use in ("in", "both"):
                s.query.append(f"paint{i}(color: Color): Int")
        # An input type with some of the fields.
        if rng.random() < 0.5:
            chosen = [f"{n}: {_type(rng, t, 0.9)}" for n, t in input_fields.items() if rng.random() < 0.7]
            if chosen:
                s.blocks.append(f"input Filter {{ {' '.join(chosen)} }}")
                s.query.append(f"find{i}(filter: Filter): Int")
        # A shared root field with varying arguments and nullability.
        if rng.random() < 0.6:
            optional = [a for a in ("first: Int", "after: String", "limit: Int = 10") if rng.random() < 0.5]
            args = optional + (["region: String!"] if rng.random() < 0.1 else [])
            arg_text = f"({', '.join(args)})" if args else ""
            share = " @shareable" if rng.random() < 0.95 else ""
            s.query.append(f"shared{arg_text}: {_type(rng, shared_scalar_field)}{share}")
        if not s.query:
            s.query.append(f"ping{i}: Int")
    sources = []
    for s in subgraphs:
        sdl = _linked(rng, "\n".join(s.blocks) + "\ntype Query { " + " ".join(s.query) + " }\n")
        sources.append(SubgraphSource(s.name, f"http://{s.name}.gamja.test/graphql", sdl))
    return sources
