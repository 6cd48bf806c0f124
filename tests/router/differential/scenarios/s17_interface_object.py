"""@interfaceObject: a subgraph adds a field to every implementation of an entity interface."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])'

SUBGRAPHS = {
    "media": LINK
    + """
interface Media @key(fields: "id") { id: ID! title: String! }
type Book implements Media @key(fields: "id") { id: ID! title: String! author: String! }
type Movie implements Media @key(fields: "id") { id: ID! title: String! director: String! }
type Query { library: [Media!]! }
""",
    "ratings": LINK
    + """
type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int! }
type Query { topRated: [Media!]! }
""",
}

DATA = {
    "media": {
        "Book": [{"id": "b1", "title": "소년이 온다", "author": "한강"}],
        "Movie": [{"id": "m1", "title": "올드보이", "director": "박찬욱"}],
        "Query": {"library": [{"$ref": "Book", "id": "b1"}, {"$ref": "Movie", "id": "m1"}]},
    },
    "ratings": {
        "Media": [{"id": "b1", "rating": 5}, {"id": "m1", "rating": 4}],
        "Query": {"topRated": [{"$ref": "Media", "id": "m1"}, {"$ref": "Media", "id": "b1"}]},
    },
}

OPERATIONS = {
    "RatingOfEach": "query RatingOfEach { library { title rating } }",
    "FromInterfaceObject": "query FromInterfaceObject { topRated { id rating title } }",
    "ConcreteTypes": """query ConcreteTypes {
  topRated { __typename rating ... on Book { author } ... on Movie { director } }
}""",
}
