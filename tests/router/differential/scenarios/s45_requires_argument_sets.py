"""@requires naming the same field with different arguments: each requiring field gets exactly the
values of its own argument set, also when the client selects the field itself with other arguments."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])'
)

SUBGRAPHS = {
    "prices": LINK
    + """
type Product @key(fields: "id") { id: ID! price(currency: String!): Int! }
type Query { products: [Product!]! }
""",
    "labels": LINK
    + """
type Product @key(fields: "id") {
  id: ID!
  price(currency: String!): Int! @external
  usdLabel: String! @requires(fields: "price(currency: \\"USD\\")")
  eurLabel: String! @requires(fields: "price(currency: \\"EUR\\")")
}
""",
}

_PRICES = {"p1": {"USD": 10, "EUR": 9, "KRW": 13000}, "p2": {"USD": 3, "EUR": 2, "KRW": 3900}}

DATA = {
    "prices": {"Product": [{"id": "p1"}, {"id": "p2"}], "Query": {"products": {"$all": "Product"}}},
    "labels": {},
}

RESOLVERS = {
    "prices": {"Product.price": lambda product, currency: _PRICES[product["id"]].get(currency, 0)},
    "labels": {
        "Product.usdLabel": lambda product: f"${product['price']}",
        "Product.eurLabel": lambda product: f"€{product['price']}",
    },
}

OPERATIONS = {
    "OneArgumentSet": "query OneArgumentSet { products { usdLabel } }",
    "TwoArgumentSets": "query TwoArgumentSets { products { usdLabel eurLabel } }",
    "ClientAsksOtherArguments": 'query ClientAsksOtherArguments { products { price(currency: "KRW") usdLabel eurLabel } }',
}
