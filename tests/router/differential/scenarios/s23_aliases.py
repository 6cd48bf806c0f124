"""Aliases, including the same field twice with different arguments, at the root and on entities."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { item(id: ID!): Item }
""",
    "media": LINK
    + """
type Item @key(fields: "id") { id: ID! image(size: Int! = 100): String! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "title": "캠핑의자"}, {"id": "2", "title": "랜턴"}],
        "Query": {"item": {"$find": "Item"}},
    },
    "media": {"Item": [{"id": "1"}, {"id": "2"}]},
}

RESOLVERS = {"media": {"Item.image": lambda item, size=100: f"https://img.example/{item['id']}?w={size}"}}

OPERATIONS = {
    "RootTwice": 'query RootTwice { first: item(id: "1") { title } second: item(id: "2") { name: title } }',
    "EntityTwice": """query EntityTwice {
  item(id: "1") { small: image(size: 50) large: image(size: 800) image title }
}""",
    "AliasedIds": 'query AliasedIds { a: item(id: "2") { key: id pic: image(size: 10) } }',
}
