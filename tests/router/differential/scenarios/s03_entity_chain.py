"""Nested entity chain: search hits → items → sellers, three subgraphs deep, with repeated sellers."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "search": LINK
    + """
type Item @key(fields: "id") { id: ID! }
type Hit { score: Int! item: Item! }
type Query { search(term: String!): [Hit!]! }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! seller: User! }
type User @key(fields: "id", resolvable: false) { id: ID! }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! region: String! }
""",
}

DATA = {
    "search": {
        "Query": {
            "search": [
                {"score": 9, "item": {"$ref": "Item", "id": "i1"}},
                {"score": 7, "item": {"$ref": "Item", "id": "i2"}},
                {"score": 5, "item": {"$ref": "Item", "id": "i3"}},
            ]
        }
    },
    "items": {
        "Item": [
            {"id": "i1", "title": "아이폰13프로", "seller": {"$ref": "User", "id": "u1"}},
            {"id": "i2", "title": "자전거", "seller": {"$ref": "User", "id": "u2"}},
            {"id": "i3", "title": "아이패드", "seller": {"$ref": "User", "id": "u1"}},
        ]
    },
    "users": {
        "User": [
            {"id": "u1", "nickname": "당근이", "region": "서울 마포구"},
            {"id": "u2", "nickname": "감자", "region": "서울 강남구"},
        ]
    },
}

OPERATIONS = {
    "Chain": 'query Chain { search(term: "아이") { score item { title seller { nickname region } } } }',
    "OnlyItems": 'query OnlyItems { search(term: "x") { item { id title } } }',
    "OnlyIds": 'query OnlyIds { search(term: "x") { item { seller { id } } } }',
}
