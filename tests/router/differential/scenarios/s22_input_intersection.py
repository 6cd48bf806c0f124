"""Input objects: only fields every subgraph defines reach the API schema."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
input ItemFilter { category: String region: String minPrice: Int }
type Item @key(fields: "id") { id: ID! category: String! }
type Query { items(filter: ItemFilter): [Item!]! }
""",
    "search": LINK
    + """
input ItemFilter { category: String region: String sellerId: ID }
type Query { total(filter: ItemFilter): Int! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "category": "가구"}, {"id": "2", "category": "가전"}],
        "Query": {"items": {"$all": "Item"}},
    },
    "search": {},
}

RESOLVERS = {"search": {"Query.total": lambda root, filter=None: len(str(filter or ""))}}

OPERATIONS = {
    "SharedFields": 'query SharedFields { total(filter: {category: "가구", region: "마포"}) }',
    "FieldOfOneSubgraph": "query FieldOfOneSubgraph { items(filter: {minPrice: 3}) { id } }",
    "AsVariable": "query AsVariable($f: ItemFilter) { items(filter: $f) { category } total(filter: $f) }",
}

VARIABLES = {"AsVariable": {"f": {"category": "가전"}}}
