"""Composite keys: several fields, one of them a nested object."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "stock": LINK
    + """
type Warehouse @shareable { code: String! }
type Stock @key(fields: "sku warehouse { code }") { sku: String! warehouse: Warehouse! quantity: Int! }
type Query { stocks: [Stock!]! }
""",
    "orders": LINK
    + """
type Warehouse @shareable { code: String! }
type Stock @key(fields: "sku warehouse { code }") { sku: String! warehouse: Warehouse! reserved: Int! }
""",
}

DATA = {
    "stock": {
        "Stock": [
            {"sku": "A", "warehouse": {"code": "seoul"}, "quantity": 5},
            {"sku": "A", "warehouse": {"code": "busan"}, "quantity": 2},
            {"sku": "B", "warehouse": {"code": "seoul"}, "quantity": 0},
        ],
        "Query": {"stocks": {"$all": "Stock"}},
    },
    "orders": {
        "Stock": [
            {"sku": "A", "warehouse": {"code": "seoul"}, "reserved": 1},
            {"sku": "A", "warehouse": {"code": "busan"}, "reserved": 2},
            {"sku": "B", "warehouse": {"code": "seoul"}, "reserved": 0},
        ]
    },
}

OPERATIONS = {
    "Reserved": "query Reserved { stocks { sku warehouse { code } quantity reserved } }",
    "OnlyReserved": "query OnlyReserved { stocks { reserved } }",
}
