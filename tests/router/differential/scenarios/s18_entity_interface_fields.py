"""Entity interface: a field of the interface resolved in another subgraph for each implementation."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@interfaceObject", "@shareable"])'
)

SUBGRAPHS = {
    "accounts": LINK
    + """
interface Account @key(fields: "id") { id: ID! name: String! }
type Person implements Account @key(fields: "id") { id: ID! name: String! age: Int! }
type Shop implements Account @key(fields: "id") { id: ID! name: String! licence: String! }
type Query { account(id: ID!): Account accounts: [Account!]! }
""",
    "trust": LINK
    + """
type Account @key(fields: "id") @interfaceObject { id: ID! mannerTemperature: Float! badges: [String!]! }
""",
}

DATA = {
    "accounts": {
        "Person": [{"id": "p1", "name": "김당근", "age": 31}],
        "Shop": [{"id": "s1", "name": "망원 꽃집", "licence": "123-45"}],
        "Query": {
            "account": {"$find": "Account"},
            "accounts": [{"$ref": "Shop", "id": "s1"}, {"$ref": "Person", "id": "p1"}],
        },
    },
    "trust": {
        "Account": [
            {"id": "p1", "mannerTemperature": 36.5, "badges": ["친절"]},
            {"id": "s1", "mannerTemperature": 42.1, "badges": ["응답왕", "단골"]},
        ]
    },
}

OPERATIONS = {
    "One": 'query One { account(id: "s1") { name mannerTemperature ... on Shop { licence } } }',
    "All": "query All { accounts { __typename badges ... on Person { age } } }",
}
