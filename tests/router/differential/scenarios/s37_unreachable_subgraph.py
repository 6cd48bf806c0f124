"""A subgraph that refuses connections: the others' data still arrives, with an error."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { items: [Item!]! }
""",
    "reviews": LINK
    + """
type Item @key(fields: "id") { id: ID! rating: Int reviewCount: Int! }
type Query { topReview: String latestReview: String! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "title": "책장"}, {"id": "2", "title": "의자"}],
        "Query": {"items": {"$all": "Item"}},
    },
    "reviews": {},
}

UNREACHABLE = {"reviews"}

VARIABLES = {"ExcludedByVariable": {"no": False}}

OPERATIONS = {
    "NullableEntityField": "query NullableEntityField { items { title rating } }",
    "NonNullEntityField": "query NonNullEntityField { items { title reviewCount } }",
    "NullableRootField": "query NullableRootField { topReview items { title } }",
    "NonNullRootField": "query NonNullRootField { latestReview items { title } }",
    "ExcludedRootField": "query ExcludedRootField { latestReview @include(if: false) }",
    "ExcludedByVariable": """query ExcludedByVariable($no: Boolean!) {
  latestReview @include(if: $no) items { title rating @skip(if: true) }
}""",
}
