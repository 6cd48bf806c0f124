"""Variables with defaults, given or left out, in root and entity fields."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "items": LINK
    + """
type Item @key(fields: "id") { id: ID! title: String! }
type Query { items(first: Int = 10): [Item!]! }
""",
    "comments": LINK
    + """
type Item @key(fields: "id") { id: ID! comments(first: Int = 1): [String!]! }
""",
}

ITEMS = [{"id": str(n), "title": f"물건{n}"} for n in range(1, 5)]
COMMENTS = ["첫 댓글", "둘째", "셋째"]

DATA = {"items": {"Item": ITEMS}, "comments": {"Item": [{"id": i["id"]} for i in ITEMS]}}

RESOLVERS = {
    "items": {"Query.items": lambda root, first=10: [{"$ref": "Item", "id": i["id"]} for i in ITEMS[:first]]},
    "comments": {"Item.comments": lambda item, first=1: COMMENTS[:first]},
}

OPERATIONS = {
    "DefaultsUsed": "query DefaultsUsed($n: Int = 2, $c: Int = 3) { items(first: $n) { title comments(first: $c) } }",
    "DefaultsOverridden": "query DefaultsOverridden($n: Int = 2, $c: Int = 3) { items(first: $n) { comments(first: $c) } }",
    "ArgumentDefaults": "query ArgumentDefaults { items { id comments } }",
    "NullOverridesDefault": "query NullOverridesDefault($n: Int = 2) { items(first: $n) { id } }",
}

VARIABLES = {"DefaultsOverridden": {"n": 1, "c": 1}, "NullOverridesDefault": {"n": None}}
