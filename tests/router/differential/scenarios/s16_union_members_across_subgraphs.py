"""A union whose members are entities completed by two other subgraphs."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "search": LINK
    + """
type Item @key(fields: "id") { id: ID! }
type User @key(fields: "id") { id: ID! }
union SearchResult = Item | User
type Query { search(term: String!): [SearchResult!]! }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! price: Int! }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! }
""",
}

DATA = {
    "search": {
        "Query": {
            "search": [
                {"$ref": "User", "id": "u1"},
                {"$ref": "Item", "id": "i1"},
                {"$ref": "Item", "id": "i2"},
                {"$ref": "User", "id": "u1"},
            ]
        }
    },
    "items": {
        "Item": [
            {"id": "i1", "title": "당근 케이크 틀", "price": 5000},
            {"id": "i2", "title": "당근 가방", "price": 12000},
        ]
    },
    "users": {"User": [{"id": "u1", "nickname": "당근러버"}]},
}

OPERATIONS = {
    "Both": """query Both {
  search(term: "당근") { __typename ... on Item { title price } ... on User { nickname } }
}""",
    "ItemsOnly": 'query ItemsOnly { search(term: "당근") { ... on Item { id title } } }',
    "TypenameOnly": 'query TypenameOnly { search(term: "당근") { __typename } }',
}
