"""@provides with type conditions on a union and an interface."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@external", "@provides", "@shareable"])'
)

SUBGRAPHS = {
    "search": LINK
    + """
type Book implements Titled @key(fields: "id") { id: ID! title: String! @external }
type Movie implements Titled @key(fields: "id") { id: ID! title: String! @external }
union Result = Book | Movie
interface Titled { title: String! }
type Query {
  results: [Result!]! @provides(fields: "... on Book { title } ... on Movie { title }")
  titled: [Titled!]! @provides(fields: "... on Book { title }")
}
""",
    "catalog": LINK
    + """
interface Titled { title: String! }
type Book implements Titled @key(fields: "id") { id: ID! title: String! @shareable pages: Int! }
type Movie implements Titled @key(fields: "id") { id: ID! title: String! @shareable minutes: Int! }
""",
}

DATA = {
    "search": {
        "Query": {
            "results": [
                {"$ref": "Book", "id": "b1", "title": "채식주의자"},
                {"$ref": "Movie", "id": "m1", "title": "기생충"},
            ],
            "titled": [{"$ref": "Book", "id": "b1", "title": "채식주의자"}],
        }
    },
    "catalog": {
        "Book": [{"id": "b1", "title": "채식주의자", "pages": 192}],
        "Movie": [{"id": "m1", "title": "기생충", "minutes": 132}],
    },
}

OPERATIONS = {
    "UnionProvided": "query UnionProvided { results { ... on Book { title } ... on Movie { title } } }",
    "UnionMore": "query UnionMore { results { __typename ... on Book { title pages } ... on Movie { minutes } } }",
    "InterfaceProvided": "query InterfaceProvided { titled { title ... on Book { pages } } }",
}
