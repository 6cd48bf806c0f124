"""A subgraph that only references an entity (resolvable: false) and one that resolves it."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "comments": LINK
    + """
type Comment { id: ID! body: String! author: User! }
type User @key(fields: "id", resolvable: false) { id: ID! }
type Query { comments: [Comment!]! }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! }
type Query { users: [User!]! }
""",
}

DATA = {
    "comments": {
        "Query": {
            "comments": [
                {"id": "c1", "body": "아직 있나요?", "author": {"$ref": "User", "id": "u2"}},
                {"id": "c2", "body": "네", "author": {"$ref": "User", "id": "u1"}},
                {"id": "c3", "body": "예약할게요", "author": {"$ref": "User", "id": "u2"}},
            ]
        }
    },
    "users": {
        "User": [{"id": "u1", "nickname": "판매자"}, {"id": "u2", "nickname": "구매자"}],
        "Query": {"users": {"$all": "User"}},
    },
}

OPERATIONS = {
    "Authors": "query Authors { comments { body author { nickname } } }",
    "AuthorIdsOnly": "query AuthorIdsOnly { comments { author { id } } }",
    "Users": "query Users { users { nickname } }",
}
