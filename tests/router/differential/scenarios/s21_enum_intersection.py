"""Enums: an input enum keeps only values every subgraph knows; an output enum takes them all."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
enum Status { ON_SALE RESERVED SOLD }
enum Sort { NEWEST PRICE_ASC POPULAR }
type Item @key(fields: "id") { id: ID! status: Status! }
type Query { items(sort: Sort): [Item!]! }
""",
    "search": LINK
    + """
enum Status { ON_SALE SOLD HIDDEN }
enum Sort { NEWEST PRICE_ASC }
type Item @key(fields: "id") { id: ID! previousStatus: Status }
type Query { count(sort: Sort!): Int! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "status": "RESERVED"}, {"id": "2", "status": "SOLD"}],
        "Query": {"items": {"$all": "Item"}},
    },
    "search": {
        "Item": [{"id": "1", "previousStatus": "ON_SALE"}, {"id": "2", "previousStatus": "HIDDEN"}],
        "Query": {"count": 2},
    },
}

OPERATIONS = {
    "OutputUnion": "query OutputUnion { items(sort: NEWEST) { status previousStatus } }",
    "SharedInputValue": "query SharedInputValue { count(sort: PRICE_ASC) }",
    "InputValueOfOneSubgraph": "query InputValueOfOneSubgraph { items(sort: POPULAR) { id } }",
    "EnumVariable": "query EnumVariable($sort: Sort!) { count(sort: $sort) }",
}

VARIABLES = {"EnumVariable": {"sort": "NEWEST"}}
