"""Root fields owned by different subgraphs in one operation."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! }
type Query { me: User user(id: ID!): User }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! price: Int! }
type Query { items: [Item!]! item(id: ID!): Item }
""",
}

DATA = {
    "users": {
        "User": [{"id": "u1", "nickname": "당근이"}, {"id": "u2", "nickname": "감자"}],
        "Query": {"me": {"$ref": "User", "id": "u1"}, "user": {"$find": "User"}},
    },
    "items": {
        "Item": [{"id": "i1", "title": "자전거", "price": 50000}, {"id": "i2", "title": "우산", "price": 0}],
        "Query": {"items": {"$all": "Item"}, "item": {"$find": "Item"}},
    },
}

OPERATIONS = {
    "Both": "query Both { me { nickname id } items { title price } }",
    "WithArgs": 'query WithArgs { user(id: "u2") { nickname } item(id: "i1") { title } missing: item(id: "zz") { id } }',
    "Ping": "query Ping { __typename }",
}
