"""A type reachable only by hopping through the subgraph that knows both of its keys."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "reviews": LINK
    + """
type Product @key(fields: "id") { id: ID! reviewCount: Int! }
type Query { topReviewed: [Product!]! }
""",
    "catalog": LINK
    + """
type Product @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! name: String! }
""",
    "pricing": LINK
    + """
type Product @key(fields: "sku") { sku: String! price: Int! }
""",
}

DATA = {
    "reviews": {
        "Product": [{"id": "1", "reviewCount": 12}, {"id": "2", "reviewCount": 3}],
        "Query": {"topReviewed": {"$all": "Product"}},
    },
    "catalog": {"Product": [{"id": "1", "sku": "CH-1", "name": "의자"}, {"id": "2", "sku": "DE-2", "name": "책상"}]},
    "pricing": {"Product": [{"sku": "CH-1", "price": 20000}, {"sku": "DE-2", "price": 70000}]},
}

OPERATIONS = {
    "Hop": "query Hop { topReviewed { reviewCount price } }",
    "HopAndName": "query HopAndName { topReviewed { name price id } }",
}
