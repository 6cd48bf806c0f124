"""@skip and @include with literals and variables, on fields that need other subgraphs."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { items: [Item!]! }
""",
    "stats": LINK
    + """
type Item @key(fields: "id") { id: ID! views: Int! likes: Int! }
type Query { totalViews: Int! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "title": "가습기"}, {"id": "2", "title": "제습기"}],
        "Query": {"items": {"$all": "Item"}},
    },
    "stats": {
        "Item": [{"id": "1", "views": 10, "likes": 1}, {"id": "2", "views": 20, "likes": 2}],
        "Query": {"totalViews": 30},
    },
}

QUERY = """query Toggle($withViews: Boolean!, $skipTitle: Boolean = false) {
  items {
    title @skip(if: $skipTitle)
    views @include(if: $withViews)
    ... on Item @include(if: $withViews) { likes }
    ...Stats @skip(if: true)
  }
  totalViews @include(if: $withViews)
}
fragment Stats on Item { likes views }"""

OPERATIONS = {"Toggle": QUERY}
VARIABLES = {"Toggle": {"withViews": True}}

# The same document with other variables, as separate cases.
for _name, _vars in {"ToggleOff": {"withViews": False}, "ToggleSkip": {"withViews": True, "skipTitle": True}}.items():
    OPERATIONS[_name] = QUERY.replace("query Toggle(", f"query {_name}(")
    VARIABLES[_name] = _vars
