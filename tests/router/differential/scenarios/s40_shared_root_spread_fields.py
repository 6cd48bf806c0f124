"""A @shareable root field whose (keyless) result type has its fields spread over the subgraphs that
serve it: each needed subgraph is asked and the answers are merged, positionally for lists."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])'

SUBGRAPHS = {
    "profiles": LINK
    + """
type Viewer @shareable { id: ID! nickname: String! settings: Settings! }
type Settings @shareable { theme: String! }
type Notice @shareable { id: ID! title: String! }
type Query { viewer: Viewer @shareable notices: [Notice!]! @shareable }
""",
    "wallet": LINK
    + """
type Viewer @shareable { id: ID! balance: Int! settings: Settings! }
type Settings @shareable { currency: String! }
type Notice @shareable { id: ID! urgent: Boolean! }
type Query { viewer: Viewer @shareable notices: [Notice!]! @shareable }
""",
}

DATA = {
    "profiles": {
        "Query": {
            "viewer": {"id": "v1", "nickname": "당근이", "settings": {"theme": "dark"}},
            "notices": [{"id": "n1", "title": "점검 안내"}, {"id": "n2", "title": "새 기능"}],
        }
    },
    "wallet": {
        "Query": {
            "viewer": {"id": "v1", "balance": 5000, "settings": {"currency": "KRW"}},
            "notices": [{"id": "n1", "urgent": True}, {"id": "n2", "urgent": False}],
        }
    },
}

OPERATIONS = {
    "Object": "query Object { viewer { nickname balance } }",
    "ObjectNested": "query ObjectNested { viewer { id settings { theme currency } } }",
    "List": "query List { notices { title urgent } }",
    "OneSubgraphSuffices": "query OneSubgraphSuffices { viewer { id nickname } notices { id title } }",
}
