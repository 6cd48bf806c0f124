"""Subgraph queries valid in the subgraph's own schema: same-named fields whose types differ there
between fragments (`ID!` vs `ID`) are aliased and mapped back; fragments on types that subgraph does not
have are dropped; nested @include/@skip leave no empty selection set."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "media": LINK
    + """
union Media = Book | Movie
type Book @shareable { id: ID! title: String! }
type Movie { id: ID title: String! }
type Shelf @key(fields: "id") { id: ID! items: [Media!]! }
type Query { shelf: Shelf! }
""",
    "music": LINK
    + """
union Media = Book | Song
type Book @shareable { id: ID title: String! }
type Song { id: ID! title: String! length: Int! }
type Shelf @key(fields: "id") { id: ID! extras: [Media!]! label: String! }
""",
}

DATA = {
    "media": {
        "Shelf": [
            {
                "id": "s1",
                "items": [
                    {"__typename": "Book", "id": "b1", "title": "토지"},
                    {"__typename": "Movie", "id": None, "title": "기생충"},
                ],
            }
        ],
        "Query": {"shelf": {"$ref": "Shelf", "id": "s1"}},
    },
    "music": {
        "Shelf": [
            {
                "id": "s1",
                "label": "거실",
                "extras": [{"__typename": "Song", "id": "m1", "title": "봄날", "length": 274}],
            }
        ]
    },
}

OPERATIONS = {
    "DifferentNullability": "query DifferentNullability { shelf { items { ... on Book { id } ... on Movie { id } } } }",
    "ImpossibleFragmentDropped": "query ImpossibleFragmentDropped { shelf { items { ... on Song { length } ... on Book { title } } } }",
    "ImpossibleFragmentOnly": "query ImpossibleFragmentOnly { shelf { items { __typename ... on Song { length } } } }",
    "NestedSkip": """query NestedSkip($no: Boolean! = true) {
  shelf { label items @skip(if: $no) { ... on Book { title } } extras { ... on Song @include(if: false) { title } __typename } }
}""",
}
