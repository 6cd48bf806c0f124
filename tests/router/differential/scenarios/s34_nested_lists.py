"""Entities inside lists inside lists, fetched once per level for every element."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "boards": LINK
    + """
type Board { name: String! rows: [[Item]!]! }
type Item @key(fields: "id") { id: ID! }
type Query { boards: [Board!]! }
""",
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! tags: [Tag!]! }
type Tag @key(fields: "name") { name: String! }
""",
    "tags": LINK
    + """
type Tag @key(fields: "name") { name: String! popularity: Int! }
""",
}


def ref(item_id: str) -> dict:
    return {"$ref": "Item", "id": item_id}


DATA = {
    "boards": {
        "Query": {
            "boards": [
                {"name": "홈", "rows": [[ref("1"), ref("2")], [ref("3"), None]]},
                {"name": "인기", "rows": [[ref("2")], []]},
            ]
        }
    },
    "items": {
        "Item": [
            {"id": "1", "title": "스탠드", "tags": [{"$ref": "Tag", "name": "조명"}]},
            {"id": "2", "title": "전구", "tags": [{"$ref": "Tag", "name": "조명"}, {"$ref": "Tag", "name": "소모품"}]},
            {"id": "3", "title": "커튼", "tags": []},
        ]
    },
    "tags": {"Tag": [{"name": "조명", "popularity": 7}, {"name": "소모품", "popularity": 3}]},
}

OPERATIONS = {
    "Deep": "query Deep { boards { name rows { title tags { name popularity } } } }",
    "Shallow": "query Shallow { boards { rows { id } } }",
}
