"""Entities a subgraph does not find come back as null, and nullable fields stay null."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "comments": LINK
    + """
type Comment @key(fields: "id") { id: ID! body: String! item: Item }
type Item @key(fields: "id", resolvable: false) { id: ID! }
type Query { comments: [Comment!]! }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String price: Int }
""",
}

DATA = {
    "comments": {
        "Comment": [
            {"id": "c1", "body": "삭제된 글의 댓글", "item": {"$ref": "Item", "id": "deleted"}},
            {"id": "c2", "body": "있는 글", "item": {"$ref": "Item", "id": "i1"}},
            {"id": "c3", "body": "글 없음", "item": None},
        ],
        "Query": {"comments": {"$all": "Comment"}},
    },
    "items": {"Item": [{"id": "i1", "title": "모니터", "price": None}]},
}

OPERATIONS = {
    "Missing": "query Missing { comments { body item { id title price } } }",
    "OnlyRemoteField": "query OnlyRemoteField { comments { item { title } } }",
}
