"""An interface whose implementations get their fields from different subgraphs."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "catalog": LINK
    + """
interface Listing { id: ID! title: String! }
type Sale implements Listing @key(fields: "id") { id: ID! title: String! }
type Giveaway implements Listing @key(fields: "id") { id: ID! title: String! }
type Query { listings: [Listing!]! }
""",
    "pricing": LINK
    + """
type Sale @key(fields: "id") { id: ID! price: Int! }
""",
    "sharing": LINK
    + """
type Giveaway @key(fields: "id") { id: ID! pickupPlace: String! }
""",
}

DATA = {
    "catalog": {
        "Sale": [{"id": "s1", "title": "중고 노트북"}],
        "Giveaway": [{"id": "g1", "title": "화분 나눔"}, {"id": "g2", "title": "책 나눔"}],
        "Query": {
            "listings": [
                {"$ref": "Giveaway", "id": "g1"},
                {"$ref": "Sale", "id": "s1"},
                {"$ref": "Giveaway", "id": "g2"},
            ]
        },
    },
    "pricing": {"Sale": [{"id": "s1", "price": 350000}]},
    "sharing": {"Giveaway": [{"id": "g1", "pickupPlace": "망원역"}, {"id": "g2", "pickupPlace": "합정역"}]},
}

OPERATIONS = {
    "Members": """query Members {
  listings { __typename title ... on Sale { price } ... on Giveaway { pickupPlace } }
}""",
    "OnlyInterfaceFields": "query OnlyInterfaceFields { listings { id title } }",
    "OneMember": "query OneMember { listings { ... on Giveaway { pickupPlace id } } }",
}
