"""A null in a non-null field from another subgraph nulls the nearest nullable parent."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! seller: User! }
type User @key(fields: "id", resolvable: false) { id: ID! }
type Query { items: [Item!]! maybeItems: [Item] item(id: ID!): Item }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! badge: String }
""",
}

DATA = {
    "items": {
        "Item": [
            {"id": "1", "title": "멀쩡한 판매자", "seller": {"$ref": "User", "id": "u1"}},
            {"id": "2", "title": "사라진 판매자", "seller": {"$ref": "User", "id": "ghost"}},
        ],
        "Query": {"items": {"$all": "Item"}, "maybeItems": {"$all": "Item"}, "item": {"$find": "Item"}},
    },
    "users": {"User": [{"id": "u1", "nickname": "있음", "badge": None}]},
}

OPERATIONS = {
    "BubblesToRoot": "query BubblesToRoot { items { title seller { nickname } } }",
    "StopsAtNullableItem": "query StopsAtNullableItem { maybeItems { title seller { nickname } } }",
    "StopsAtNullableField": 'query StopsAtNullableField { item(id: "2") { title seller { nickname } } }',
    "NullableLeafIsFine": "query NullableLeafIsFine { items { seller { badge } } }",
}
