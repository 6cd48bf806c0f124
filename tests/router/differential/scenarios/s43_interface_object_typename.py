"""@interfaceObject values: returned without __typename when the client does not ask for it; the
concrete type fetched only for __typename or a type condition; and an entity sent to the interface-object
subgraph carries the interface's name."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])'

SUBGRAPHS = {
    "accounts": LINK
    + """
interface Account @key(fields: "id") { id: ID! name: String! }
type User implements Account @key(fields: "id") { id: ID! name: String! email: String! }
type Shop implements Account @key(fields: "id") { id: ID! name: String! url: String! }
type Query { accounts: [Account!]! }
""",
    "ratings": LINK
    + """
type Account @key(fields: "id") @interfaceObject { id: ID! rating: Int! }
type Query { topRated: [Account!]! }
""",
}

DATA = {
    "accounts": {
        "User": [{"id": "u1", "name": "당근이", "email": "u1@example.com"}],
        "Shop": [{"id": "s1", "name": "감자가게", "url": "https://example.com/s1"}],
        "Query": {"accounts": {"$all": "Account"}},
    },
    "ratings": {
        "Account": [{"id": "s1", "rating": 5}, {"id": "u1", "rating": 3}],
        "Query": {"topRated": {"$all": "Account"}},
    },
}

OPERATIONS = {
    "NoTypename": "query NoTypename { topRated { id rating } }",
    "NoTypenameFragmentOnInterface": "query NoTypenameFragmentOnInterface { topRated { ... on Account { id } rating } }",
    "Typename": "query Typename { topRated { __typename id rating } }",
    "TypeCondition": "query TypeCondition { topRated { rating ... on Shop { url } } }",
    "EntityToInterfaceObject": "query EntityToInterfaceObject { accounts { name rating } }",
    "EntityToInterfaceObjectWithType": "query EntityToInterfaceObjectWithType { accounts { __typename ... on User { rating } } }",
}
