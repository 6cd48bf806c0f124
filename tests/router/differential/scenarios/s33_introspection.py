"""Introspection is answered from the API schema: no join__/link__ internals, no @inaccessible parts."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible", "@tag"])'

SUBGRAPHS = {
    "items": LINK
    + '''
"""A thing for sale"""
type Item @key(fields: "id") {
  id: ID!
  "The listing title"
  title: String!
  oldTitle: String @deprecated(reason: "use title")
  cost: Int @inaccessible
  kind: Kind @tag(name: "public")
}
enum Kind { NEW USED BROKEN @deprecated(reason: "never") }
type Query { item(id: ID!, lang: String = "ko"): Item }
''',
    "users": LINK
    + """
type User @key(fields: "id") { id: ID! nickname: String! }
type Query { me: User }
""",
}

DATA = {"items": {"Item": [{"id": "1", "title": "시계", "kind": "USED"}]}, "users": {}}

RESOLVERS = {"items": {"Query.item": lambda root, id, lang: {"$ref": "Item", "id": id}}}

OPERATIONS = {
    "TypeNames": "query TypeNames { __schema { types { name kind } queryType { name } mutationType { name } } }",
    "ItemType": """query ItemType {
  __type(name: "Item") {
    name kind description
    fields(includeDeprecated: true) {
      name description isDeprecated deprecationReason
      args { name defaultValue type { name kind ofType { name kind } } }
      type { name kind ofType { name kind } }
    }
  }
}""",
    "EnumValues": """query EnumValues {
  __type(name: "Kind") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
}""",
    # Not `locations`: graphql-core 3.3 adds DIRECTIVE_DEFINITION to @deprecated, graphql-js 16 does not.
    "Directives": "query Directives { __schema { directives { name isRepeatable args { name } } } }",
    "MixedWithData": 'query MixedWithData { item(id: "1") { title kind } __type(name: "User") { fields { name } } }',
}
