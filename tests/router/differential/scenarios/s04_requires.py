"""@requires: the shipping estimate needs the price and weight another subgraph owns."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])'
)

SUBGRAPHS = {
    "products": LINK
    + """
type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! }
type Query { topProducts: [Product!]! }
""",
    "inventory": LINK
    + """
type Product @key(fields: "upc") {
  upc: String!
  price: Int! @external
  weight: Int! @external
  inStock: Boolean!
  shippingEstimate: Int! @requires(fields: "price weight")
}
""",
}

DATA = {
    "products": {
        "Product": [
            {"upc": "p1", "name": "의자", "price": 1500, "weight": 10},
            {"upc": "p2", "name": "책상", "price": 500, "weight": 30},
        ],
        "Query": {"topProducts": {"$all": "Product"}},
    },
    "inventory": {"Product": [{"upc": "p1", "inStock": True}, {"upc": "p2", "inStock": False}]},
}


def shipping_estimate(product: dict, **_: object) -> int:
    return 0 if product["price"] > 1000 else product["weight"] // 2


RESOLVERS = {"inventory": {"Product.shippingEstimate": shipping_estimate}}

OPERATIONS = {
    "Estimate": "query Estimate { topProducts { name shippingEstimate } }",
    "EstimateAndStock": "query EstimateAndStock { topProducts { inStock shippingEstimate upc } }",
    "RequiredAlsoAsked": "query RequiredAlsoAsked { topProducts { shippingEstimate price } }",
}
