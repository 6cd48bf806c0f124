"""@override: a field moved to a new subgraph is answered there, not by the old one."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@override"])'

SUBGRAPHS = {
    "legacy": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! price: Int! }
type Query { items: [Item!]! }
""",
    "pricing": LINK
    + """
type Item @key(fields: "id") { id: ID! price: Int! @override(from: "legacy") }
""",
}

DATA = {
    "legacy": {
        "Item": [{"id": "1", "title": "선풍기", "price": -1}, {"id": "2", "title": "전기장판", "price": -1}],
        "Query": {"items": {"$all": "Item"}},
    },
    "pricing": {"Item": [{"id": "1", "price": 15000}, {"id": "2", "price": 8000}]},
}

OPERATIONS = {
    "Overridden": "query Overridden { items { title price } }",
    "OnlyOverridden": "query OnlyOverridden { items { price } }",
}
