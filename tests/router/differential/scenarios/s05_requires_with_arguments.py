"""@requires on a field that takes arguments."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])'
)

SUBGRAPHS = {
    "pricing": LINK
    + """
type Product @key(fields: "id") { id: ID! price(currency: String! = "USD"): Int! }
type Query { products: [Product!]! }
""",
    "tax": LINK
    + """
type Product @key(fields: "id") {
  id: ID!
  price(currency: String! = "USD"): Int! @external
  vatKrw: Int! @requires(fields: "price(currency: \\"KRW\\")")
}
""",
}

DATA = {
    "pricing": {"Product": [{"id": "a", "usd": 10}, {"id": "b", "usd": 3}], "Query": {"products": {"$all": "Product"}}},
    "tax": {},
}


def price(product: dict, currency: str = "USD") -> int:
    return int(product["usd"] * (1300 if currency == "KRW" else 1))


def vat_krw(product: dict, **_: object) -> int:
    return int(product["price"] // 10)


RESOLVERS = {"pricing": {"Product.price": price}, "tax": {"Product.vatKrw": vat_krw}}

OPERATIONS = {
    "Vat": "query Vat { products { id vatKrw } }",
    "VatAndPrice": 'query VatAndPrice { products { usd: price krw: price(currency: "KRW") vatKrw } }',
}
