"""Mutation fields from two subgraphs run in document order; results reach other subgraphs."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { item(id: ID!): Item }
type Mutation { createItem(title: String!): Item! }
""",
    "likes": LINK
    + """
type Item @key(fields: "id") { id: ID! likeCount: Int! }
type Query { likes: Int! }
type Mutation { likeItem(id: ID!): Item! }
""",
}

DATA = {
    "items": {"Item": [{"id": "new-우산", "title": "우산"}], "Query": {"item": {"$find": "Item"}}},
    "likes": {"Item": [{"id": "new-우산", "likeCount": 1}], "Query": {"likes": 0}},
}

RESOLVERS = {
    "items": {"Mutation.createItem": lambda root, title: {"__typename": "Item", "id": f"new-{title}", "title": title}},
    "likes": {"Mutation.likeItem": lambda root, id: {"$ref": "Item", "id": id}},
}

OPERATIONS = {
    "CreateThenLike": """mutation CreateThenLike {
  created: createItem(title: "우산") { id title likeCount }
  liked: likeItem(id: "new-우산") { likeCount title }
  again: createItem(title: "우산") { id }
}""",
    "WithVariables": "mutation WithVariables($t: String!) { createItem(title: $t) { title } }",
}

VARIABLES = {"WithVariables": {"t": "장화"}}
