"""An entity with two keys; another subgraph knows it only by the second one."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "catalog": LINK
    + """
type Product @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! name: String! }
type Query { products: [Product!]! }
""",
    "pricing": LINK
    + """
type Product @key(fields: "sku") { sku: String! price: Int! }
type Query { cheapest: Product }
""",
}

DATA = {
    "catalog": {
        "Product": [{"id": "1", "sku": "CH-1", "name": "의자"}, {"id": "2", "sku": "DE-2", "name": "책상"}],
        "Query": {"products": {"$all": "Product"}},
    },
    "pricing": {
        "Product": [{"sku": "CH-1", "price": 20000}, {"sku": "DE-2", "price": 70000}],
        "Query": {"cheapest": {"$ref": "Product", "sku": "CH-1"}},
    },
}

OPERATIONS = {
    "BySku": "query BySku { products { name price } }",
    "FromPricing": "query FromPricing { cheapest { price name id } }",
}
