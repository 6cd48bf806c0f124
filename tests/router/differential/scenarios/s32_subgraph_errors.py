"""A field error in one subgraph: partial data from the others, the error at the client's path."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { items: [Item!]! broken: String secret: String! }
""",
    "prices": LINK
    + """
type Item @key(fields: "id") { id: ID! price: Int discount: Int! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "title": "전자레인지"}, {"id": "2", "title": "밥솥"}],
        "Query": {
            "items": {"$all": "Item"},
            "broken": {"$error": "items subgraph is having a bad day", "code": "INTERNAL_SERVER_ERROR"},
            "secret": {"$error": "not allowed", "code": "FORBIDDEN"},
        },
    },
    "prices": {
        "Item": [
            {"id": "1", "price": {"$error": "price service lost the price"}, "discount": 0},
            {"id": "2", "price": 90000, "discount": {"$error": "no discount"}},
        ]
    },
}

OPERATIONS = {
    "RootFieldError": "query RootFieldError { broken items { title } }",
    "NonNullRootError": "query NonNullRootError { items { title } secret }",
    "EntityFieldError": "query EntityFieldError { items { title price } }",
    "EntityNonNullError": "query EntityNonNullError { items { title discount } }",
}
