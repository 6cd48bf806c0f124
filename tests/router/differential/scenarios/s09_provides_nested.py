"""Nested @provides: a listing provides its item's title and the item's seller's nickname."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@external", "@provides", "@shareable"])'
)

SUBGRAPHS = {
    "feed": LINK
    + """
type Listing { rank: Int! item: Item! @provides(fields: "title seller { nickname }") }
type Item @key(fields: "id") { id: ID! title: String! @external seller: User! @external }
type User @key(fields: "id") { id: ID! nickname: String! @external }
type Query { feed: [Listing!]! }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! @shareable price: Int! seller: User! @shareable }
type User @key(fields: "id", resolvable: false) { id: ID! }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! @shareable region: String! }
""",
}

DATA = {
    "feed": {
        "Query": {
            "feed": [
                {
                    "rank": 1,
                    "item": {
                        "$ref": "Item",
                        "id": "i1",
                        "title": "카메라",
                        "seller": {"__typename": "User", "id": "u1", "nickname": "당근이"},
                    },
                },
                {
                    "rank": 2,
                    "item": {
                        "$ref": "Item",
                        "id": "i2",
                        "title": "텐트",
                        "seller": {"__typename": "User", "id": "u2", "nickname": "감자"},
                    },
                },
            ]
        }
    },
    "items": {
        "Item": [
            {"id": "i1", "title": "카메라", "price": 90000, "seller": {"$ref": "User", "id": "u1"}},
            {"id": "i2", "title": "텐트", "price": 30000, "seller": {"$ref": "User", "id": "u2"}},
        ]
    },
    "users": {
        "User": [
            {"id": "u1", "nickname": "당근이", "region": "망원동"},
            {"id": "u2", "nickname": "감자", "region": "합정동"},
        ]
    },
}

OPERATIONS = {
    "AllProvided": "query AllProvided { feed { rank item { title seller { nickname } } } }",
    "PartlyProvided": "query PartlyProvided { feed { item { title price seller { nickname region } } } }",
}
