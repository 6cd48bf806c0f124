"""Random subgraph sets from a seed that stress query paths: entities with keys that are or are not
resolvable, `@external` fields used by `@requires` and `@provides`, shared unions whose members
differ between subgraphs, and entity interfaces with `@interfaceObject`s.

Many fail (satisfiability, field sharing, externals nobody resolves, shared unions without common
members), the rest compose.
"""

from __future__ import annotations

import random

from composition_corpus import DEFAULT_LINK

from router.composition import SubgraphSource

ENTITIES = ("Product", "User")
FIELDS = ("name", "price", "weight")


def _entity(rng: random.Random, entity: str, subgraph: str, owners: dict[str, str], roots: list[str]) -> str:
    resolvable = "true" if rng.random() < 0.75 else "false"
    key = rng.choice(("id", "id", "sku"))
    body = ["id: ID! @shareable", "sku: String! @shareable"]
    external = []
    for name in FIELDS:
        if owners[name] == subgraph:
            body.append(f"{name}: Int" + (" @shareable" if rng.random() < 0.7 else ""))
        elif rng.random() < 0.3:
            body.append(f"{name}: Int @external")
            external.append(name)
    provides = bool(external) and rng.random() < 0.4
    if external:
        required = external[:-1] if provides and len(external) > 1 else external
        body.append(f'calc{subgraph}: Int @requires(fields: "{" ".join(required)}")')
    if rng.random() < 0.5:
        roots.append(f"{entity.lower()}{subgraph}: {entity}")
    if provides:
        roots.append(f'top{entity}{subgraph}: {entity} @provides(fields: "{external[-1]}")')
    return f'type {entity} @key(fields: "{key}", resolvable: {resolvable}) {{ {" ".join(body)} }}'


def random_path_set(seed: int) -> list[SubgraphSource]:
    rng = random.Random(seed)
    names = ["a", "b", "c"][: rng.randint(2, 3)]
    types: dict[str, list[str]] = {s: [] for s in names}
    roots: dict[str, list[str]] = {s: [] for s in names}
    for entity in ENTITIES:
        owners = {f: rng.choice(names) for f in FIELDS}
        for s in names:
            if rng.random() < 0.8 or s == owners["name"]:
                types[s].append(_entity(rng, entity, s, owners, roots[s]))
    if rng.random() < 0.5:
        for s in names:
            if rng.random() < 0.7:
                members = rng.sample(["A", "B", "C"], rng.randint(1, 2))
                types[s] += [f"type {m} @shareable {{ v: Int }}" for m in members]
                types[s].append(f"union U = {' | '.join(members)}")
                roots[s].append("u: U @shareable")
    subgraphs = []
    for s in names:
        query = f"type Query {{ {' '.join(roots[s])} }}" if roots[s] else f"type Query {{ only{s}: Int }}"
        subgraphs.append(
            SubgraphSource(s, f"http://{s}.gamja.test/graphql", DEFAULT_LINK + "\n".join([*types[s], query]))
        )
    return subgraphs


def random_interface_object_set(seed: int) -> list[SubgraphSource]:
    """An entity interface in one subgraph; in the others, `@interfaceObject`s (maybe with a `@requires`)
    or implementations adding fields, each with a key that may not be resolvable."""
    rng = random.Random(seed)
    names = ["a", "b", "c"][: rng.randint(2, 3)]
    types: dict[str, list[str]] = {s: [] for s in names}
    roots: dict[str, list[str]] = {s: [] for s in names}
    owner = rng.choice(names)
    resolvable = "true" if rng.random() < 0.8 else "false"
    implementations = [i for i in ("Book", "Movie") if rng.random() < 0.9] or ["Book"]
    types[owner].append(f'interface Media @key(fields: "id", resolvable: {resolvable}) {{ id: ID! title: String! }}')
    types[owner] += [
        f'type {i} implements Media @key(fields: "id") {{ id: ID! title: String! }}' for i in implementations
    ]
    roots[owner].append("media: [Media!]!")
    for s in names:
        if s == owner:
            continue
        kind, resolvable = rng.random(), "true" if rng.random() < 0.75 else "false"
        if kind < 0.5:
            field = rng.choice(
                (
                    "rating: Int!",
                    "rating: Int! @shareable",
                    'title: String! @external score: Int @requires(fields: "title")',
                )
            )
            types[s].append(
                f'type Media @key(fields: "id", resolvable: {resolvable}) @interfaceObject {{ id: ID! {field} }}'
            )
            if rng.random() < 0.6:
                roots[s].append(f"top{s}: Media")
        elif kind < 0.8:
            implementation = rng.choice(implementations)
            types[s].append(
                f'type {implementation} @key(fields: "id", resolvable: {resolvable}) {{ id: ID! pages{s}: Int }}'
            )
            if rng.random() < 0.5:
                roots[s].append(f"one{s}: {implementation}")
    subgraphs = []
    for s in names:
        query = f"type Query {{ {' '.join(roots[s])} }}" if roots[s] else f"type Query {{ only{s}: Int }}"
        subgraphs.append(
            SubgraphSource(s, f"http://{s}.gamja.test/graphql", DEFAULT_LINK + "\n".join([*types[s], query]))
        )
    return subgraphs
