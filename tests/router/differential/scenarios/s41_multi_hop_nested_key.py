"""A nested key (`products { id pid }`) the current subgraph cannot select: its fields come from a
third subgraph first, then the entity is sent on to the subgraph keyed by them."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "bundles": LINK
    + """
type Bundle @key(fields: "id") { id: ID! title: String! }
type Query { bundles: [Bundle!]! }
""",
    "catalog": LINK
    + """
type Bundle @key(fields: "id") { id: ID! products: [Product!]! @shareable }
type Product @key(fields: "id pid") { id: ID! pid: ID! name: String! }
""",
    "pricing": LINK
    + """
type Bundle @key(fields: "products { id pid }") { products: [Product!]! price: Int! }
type Product @key(fields: "id pid", resolvable: false) { id: ID! pid: ID! }
""",
}

DATA = {
    "bundles": {
        "Bundle": [{"id": "b1", "title": "캠핑 세트"}, {"id": "b2", "title": "빈 세트"}],
        "Query": {"bundles": {"$all": "Bundle"}},
    },
    "catalog": {
        "Bundle": [
            {
                "id": "b1",
                "products": [{"$ref": "Product", "id": "1", "pid": "x"}, {"$ref": "Product", "id": "2", "pid": "y"}],
            },
            {"id": "b2", "products": []},
        ],
        "Product": [{"id": "1", "pid": "x", "name": "텐트"}, {"id": "2", "pid": "y", "name": "의자"}],
    },
    "pricing": {
        "Bundle": [
            {"products": [{"id": "1", "pid": "x"}, {"id": "2", "pid": "y"}], "price": 90000},
            {"products": [], "price": 0},
        ]
    },
}

OPERATIONS = {
    "PriceThroughNestedKey": "query PriceThroughNestedKey { bundles { title price } }",
    "PriceAndProducts": "query PriceAndProducts { bundles { price products { name } } }",
}
