"""A value type without @key whose fields are spread over subgraphs: a field the current subgraph
lacks is fetched by re-entering the other subgraph at the nearest parent entity's key and selecting
the path down again (one and several levels, under lists, parent reached through another subgraph)."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "catalog": LINK
    + """
type Product @key(fields: "id") { id: ID! name: String! details: Details! @shareable variants: [Variant!]! @shareable }
type Details @shareable { color: String! size: Size! }
type Size @shareable { width: Int! }
type Variant @shareable { code: String! }
type Query { products: [Product!]! product(id: ID!): Product }
""",
    "shipping": LINK
    + """
type Product @key(fields: "id") { id: ID! details: Details! @shareable variants: [Variant!]! @shareable }
type Details @shareable { weight: Int! size: Size! }
type Size @shareable { depth: Int! }
type Variant @shareable { stock: Int! }
""",
    "orders": LINK
    + """
type Product @key(fields: "id", resolvable: false) { id: ID! }
type Order @key(fields: "id") { id: ID! product: Product! }
type Query { orders: [Order!]! }
""",
}

DATA = {
    "catalog": {
        "Product": [
            {
                "id": "p1",
                "name": "의자",
                "details": {"color": "빨강", "size": {"width": 40}},
                "variants": [{"code": "A"}, {"code": "B"}],
            },
            {"id": "p2", "name": "책상", "details": {"color": "흰색", "size": {"width": 120}}, "variants": []},
        ],
        "Query": {"products": {"$all": "Product"}, "product": {"$find": "Product"}},
    },
    "shipping": {
        "Product": [
            {
                "id": "p1",
                "details": {"weight": 5, "size": {"depth": 45}},
                "variants": [{"stock": 3}, {"stock": 0}],
            },
            {"id": "p2", "details": {"weight": 20, "size": {"depth": 60}}, "variants": []},
        ],
    },
    "orders": {
        "Order": [
            {"id": "o1", "product": {"$ref": "Product", "id": "p2"}},
            {"id": "o2", "product": {"$ref": "Product", "id": "p1"}},
        ],
        "Query": {"orders": {"$all": "Order"}},
    },
}

OPERATIONS = {
    "OneLevel": 'query OneLevel { product(id: "p1") { name details { color weight } } }',
    "SeveralLevels": 'query SeveralLevels { product(id: "p1") { details { size { width depth } } } }',
    "UnderLists": "query UnderLists { products { name details { weight } variants { code stock } } }",
    "ParentThroughAnotherSubgraph": "query ParentThroughAnotherSubgraph { orders { id product { details { color weight size { depth width } } } } }",
}
