"""Named and inline fragments, nested and spread across subgraph boundaries."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
interface Node { id: ID! }
type Item implements Node @key(fields: "id") { id: ID! title: String! seller: User! }
type User implements Node @key(fields: "id") { id: ID! }
type Query { items: [Item!]! node(id: ID!): Node }
""",
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! region: String! }
""",
}

DATA = {
    "items": {
        "Item": [
            {"id": "i1", "title": "러닝화", "seller": {"$ref": "User", "id": "u1"}},
            {"id": "i2", "title": "요가매트", "seller": {"$ref": "User", "id": "u2"}},
        ],
        "User": [{"id": "u1"}, {"id": "u2"}],
        "Query": {"items": {"$all": "Item"}, "node": {"$find": "Node"}},
    },
    "users": {
        "User": [
            {"id": "u1", "nickname": "달리기", "region": "연남동"},
            {"id": "u2", "nickname": "요가", "region": "성수동"},
        ]
    },
}

OPERATIONS = {
    "Named": """query Named { items { ...ItemCard } }
fragment ItemCard on Item { title seller { ...Seller } }
fragment Seller on User { nickname ... on User { region } }""",
    "InlineOnInterface": """query InlineOnInterface {
  node(id: "u2") { id ... on User { nickname } ... on Item { title } }
}""",
    "NestedSpreads": """query NestedSpreads { node(id: "i1") { ...N } }
fragment N on Node { __typename ... on Item { ...I } }
fragment I on Item { id seller { id ...S } }
fragment S on User { nickname }""",
    "UnusedFragmentSibling": """query UnusedFragmentSibling { items { ... { title } } }""",
}
