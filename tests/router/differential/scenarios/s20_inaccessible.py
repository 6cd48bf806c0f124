"""@inaccessible fields, types and arguments are invisible to clients and rejected when asked for."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! internalCode: String! @inaccessible audit: Audit @inaccessible }
type Audit @inaccessible { by: String! }
type Query { items(includeHidden: Boolean @inaccessible): [Item!]! }
""",
    "users": LINK
    + """
type Item @key(fields: "id") { id: ID! views: Int! }
""",
}

DATA = {
    "items": {
        "Item": [{"id": "1", "title": "냉장고", "internalCode": "X9", "audit": {"by": "admin"}}],
        "Query": {"items": {"$all": "Item"}},
    },
    "users": {"Item": [{"id": "1", "views": 42}]},
}

OPERATIONS = {
    "Visible": "query Visible { items { title views } }",
    "HiddenField": "query HiddenField { items { title internalCode } }",
    "HiddenArgument": "query HiddenArgument { items(includeHidden: true) { title } }",
    "HiddenType": 'query HiddenType { __type(name: "Audit") { name } }',
}
