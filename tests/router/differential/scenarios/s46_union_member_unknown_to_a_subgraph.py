"""A shared field of union type where one of the subgraphs serving it does not know every member.

@shareable promises the same answer from every subgraph serving the field, so one that lacks `Movie`
says no `Movie` ever comes back there: the data keeps that promise (Movies are only reachable through
catalog's own `Query.movies`). The planner may send the client's `... on Movie` to catalog, never to
library (its schema has no `Movie`), and the answers match the reference planners'."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "catalog": LINK
    + """
union Media = Book | Movie
type Book @key(fields: "id") { id: ID! title: String! }
type Movie @key(fields: "id") { id: ID! title: String! runtime: Int! }
type Shelf @key(fields: "id") { id: ID! items: [Media!]! @shareable }
type Query { shelf: Shelf! newest: [Media!]! @shareable movies: [Media!]! }
""",
    "library": LINK
    + """
union Media = Book
type Book @key(fields: "id") { id: ID! pages: Int! }
type Shelf @key(fields: "id") { id: ID! items: [Media!]! @shareable owner: String! }
type Query { newest: [Media!]! @shareable }
""",
}

DATA = {
    "catalog": {
        "Book": [{"id": "b1", "title": "토지"}],
        "Movie": [{"id": "m1", "title": "기생충", "runtime": 132}],
        "Shelf": [{"id": "s1", "items": [{"$ref": "Book", "id": "b1"}]}],
        "Query": {
            "shelf": {"$ref": "Shelf", "id": "s1"},
            "newest": [{"$ref": "Book", "id": "b1"}],
            "movies": [{"$ref": "Movie", "id": "m1"}, {"$ref": "Book", "id": "b1"}],
        },
    },
    "library": {
        "Book": [{"id": "b1", "pages": 1200}],
        "Shelf": [{"id": "s1", "owner": "동네 도서관", "items": [{"$ref": "Book", "id": "b1"}]}],
        "Query": {"newest": [{"$ref": "Book", "id": "b1"}]},
    },
}

OPERATIONS = {
    "RootBothMembers": "query RootBothMembers { newest { ... on Book { id } ... on Movie { id runtime } } }",
    "RootKnownMemberOnly": "query RootKnownMemberOnly { newest { ... on Book { id pages } } }",
    "RootTypename": "query RootTypename { newest { __typename } }",
    "UnsharedField": "query UnsharedField { movies { __typename ... on Movie { runtime } ... on Book { pages } } }",
    "NestedBothMembers": "query NestedBothMembers { shelf { items { ... on Book { title } ... on Movie { title } } } }",
    "NestedWithOwner": "query NestedWithOwner { shelf { owner items { __typename ... on Book { pages } } } }",
    "NestedMovieFromOwnerSide": "query NestedMovieFromOwnerSide { shelf { owner items { ... on Movie { runtime } ... on Book { pages } } } }",
}
