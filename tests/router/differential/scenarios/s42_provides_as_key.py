"""A field that @provides makes local on this path serves as the key for the next hop: the entity goes
straight to the subgraph keyed by it, without a detour through the field's owner."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@provides"])'
)

SUBGRAPHS = {
    "orders": LINK
    + """
type Product @key(fields: "id") { id: ID! sku: String! @external }
type Order @key(fields: "id") { id: ID! product: Product! @provides(fields: "sku") }
type Query { orders: [Order!]! }
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
    "orders": {
        "Order": [
            {"id": "o1", "product": {"$ref": "Product", "id": "1", "sku": "CH-1"}},
            {"id": "o2", "product": {"$ref": "Product", "id": "2", "sku": "DE-2"}},
        ],
        "Query": {"orders": {"$all": "Order"}},
    },
    "catalog": {"Product": [{"id": "1", "sku": "CH-1", "name": "의자"}, {"id": "2", "sku": "DE-2", "name": "책상"}]},
    "pricing": {"Product": [{"sku": "CH-1", "price": 20000}, {"sku": "DE-2", "price": 70000}]},
}

OPERATIONS = {
    "ProvidedKey": "query ProvidedKey { orders { id product { price } } }",
    "ProvidedKeyAndOwner": "query ProvidedKeyAndOwner { orders { product { sku price name } } }",
}
