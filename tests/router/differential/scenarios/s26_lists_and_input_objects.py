"""Lists and input objects as arguments and variables, passed through to subgraphs."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
input Range { min: Int max: Int }
input Filter { ids: [ID!] price: Range tags: [[String!]] }
type Item @key(fields: "id") { id: ID! price: Int! }
type Query { items(filter: Filter!): [Item!]! }
""",
    "echo": LINK
    + """
input Point { x: Int! y: Int! }
type Query { echo(points: [Point!]!, labels: [String]): String! }
""",
}

ITEMS = [{"id": "1", "price": 100}, {"id": "2", "price": 2000}, {"id": "3", "price": 30000}]


def items(root: object, filter: dict) -> list[dict]:
    chosen = [i for i in ITEMS if not filter.get("ids") or i["id"] in filter["ids"]]
    price = filter.get("price") or {}
    return [
        i
        for i in chosen
        if (price.get("min") is None or i["price"] >= price["min"])
        and (price.get("max") is None or i["price"] <= price["max"])
    ]


def echo(root: object, points: list, labels: list | None = None) -> str:
    return f"{[(p['x'], p['y']) for p in points]} {labels}"


DATA = {"items": {"Item": ITEMS}, "echo": {}}
RESOLVERS = {"items": {"Query.items": items}, "echo": {"Query.echo": echo}}

OPERATIONS = {
    "Literal": 'query Literal { items(filter: {ids: ["1", "3"], price: {min: 50}}) { id price } }',
    "Variables": """query Variables($f: Filter!, $p: [Point!]!, $l: [String]) {
  items(filter: $f) { id } echo(points: $p, labels: $l)
}""",
    "SingleValueAsList": 'query SingleValueAsList { items(filter: {ids: "2"}) { price } echo(points: {x: 1, y: 2}) }',
    "NestedVariableInLiteral": "query NestedVariableInLiteral($max: Int) { items(filter: {price: {max: $max}}) { id } }",
}

VARIABLES = {
    "Variables": {
        "f": {"ids": ["2", "3"], "tags": [["a"], ["b", "c"]]},
        "p": [{"x": 1, "y": 2}, {"x": 3, "y": 4}],
        "l": ["x", None],
    },
    "NestedVariableInLiteral": {"max": 2000},
}
