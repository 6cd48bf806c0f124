"""A @requires field that needs another @requires field from a third subgraph."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])'
)

SUBGRAPHS = {
    "base": LINK
    + """
type Order @key(fields: "id") { id: ID! subtotal: Int! }
type Query { orders: [Order!]! }
""",
    "tax": LINK
    + """
type Order @key(fields: "id") { id: ID! subtotal: Int! @external tax: Int! @requires(fields: "subtotal") }
""",
    "billing": LINK
    + """
type Order @key(fields: "id") {
  id: ID!
  subtotal: Int! @external
  tax: Int! @external
  total: Int! @requires(fields: "subtotal tax")
}
""",
}

DATA = {
    "base": {
        "Order": [{"id": "o1", "subtotal": 1000}, {"id": "o2", "subtotal": 250}],
        "Query": {"orders": {"$all": "Order"}},
    },
    "tax": {},
    "billing": {},
}

RESOLVERS = {
    "tax": {"Order.tax": lambda order, **_: order["subtotal"] // 10},
    "billing": {"Order.total": lambda order, **_: order["subtotal"] + order["tax"]},
}

OPERATIONS = {
    "Total": "query Total { orders { id total } }",
    "TotalAndTax": "query TotalAndTax { orders { tax total subtotal } }",
}
