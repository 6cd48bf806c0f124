"""Value types (@shareable, no key) returned by two subgraphs, and a shareable field on an entity."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Money @shareable { amount: Int! currency: String! }
type Item @key(fields: "id") { id: ID! title: String! price: Money! region: String! @shareable }
type Query { items: [Item!]! }
""",
    "offers": LINK
    + """
type Money @shareable { amount: Int! currency: String! }
type Offer { by: String! amount: Money! }
type Item @key(fields: "id") { id: ID! region: String! @shareable offers: [Offer!]! }
type Query { bestOffer: Offer }
""",
}

DATA = {
    "items": {
        "Item": [
            {"id": "1", "title": "킥보드", "price": {"amount": 40000, "currency": "KRW"}, "region": "망원동"},
        ],
        "Query": {"items": {"$all": "Item"}},
    },
    "offers": {
        "Item": [
            {"id": "1", "region": "망원동", "offers": [{"by": "감자", "amount": {"amount": 35000, "currency": "KRW"}}]},
        ],
        "Query": {"bestOffer": {"by": "감자", "amount": {"amount": 35000, "currency": "KRW"}}},
    },
}

OPERATIONS = {
    "ValueTypes": "query ValueTypes { items { price { amount currency } region offers { by amount { amount } } } }",
    "RootValueType": "query RootValueType { bestOffer { amount { currency amount } } items { region } }",
}
