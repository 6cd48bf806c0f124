"""@provides: the reviews subgraph already knows the author's username, so no hop for it."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@external", "@provides", "@shareable"])'
)

SUBGRAPHS = {
    "reviews": LINK
    + """
type Review { id: ID! body: String! author: User! @provides(fields: "username") }
type User @key(fields: "id") { id: ID! username: String! @external }
type Query { reviews: [Review!]! }
""",
    "accounts": LINK
    + """
type User @key(fields: "id") { id: ID! username: String! @shareable joined: String! }
""",
}

DATA = {
    "reviews": {
        "Query": {
            "reviews": [
                {"id": "r1", "body": "좋아요", "author": {"$ref": "User", "id": "u1", "username": "ann"}},
                {"id": "r2", "body": "별로", "author": {"$ref": "User", "id": "u2", "username": "bob"}},
            ]
        }
    },
    "accounts": {
        "User": [
            {"id": "u1", "username": "ann", "joined": "2024-01-01"},
            {"id": "u2", "username": "bob", "joined": "2025-02-02"},
        ]
    },
}

OPERATIONS = {
    "Provided": "query Provided { reviews { body author { username } } }",
    "ProvidedAndMore": "query ProvidedAndMore { reviews { author { username joined } } }",
}
