"""@requires a nested selection of a value type."""

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@external", "@requires", "@shareable"])'
)

SUBGRAPHS = {
    "catalog": LINK
    + """
type Size @shareable { width: Int! height: Int! unit: String! }
type Item @key(fields: "id") { id: ID! title: String! size: Size! }
type Query { items: [Item!]! }
""",
    "delivery": LINK
    + """
type Size @shareable { width: Int! height: Int! unit: String! }
type Item @key(fields: "id") {
  id: ID!
  size: Size! @external
  boxType: String! @requires(fields: "size { width height }")
}
""",
}

DATA = {
    "catalog": {
        "Item": [
            {"id": "1", "title": "액자", "size": {"width": 30, "height": 40, "unit": "cm"}},
            {"id": "2", "title": "소파", "size": {"width": 200, "height": 90, "unit": "cm"}},
        ],
        "Query": {"items": {"$all": "Item"}},
    },
    "delivery": {},
}


def box_type(item: dict, **_: object) -> str:
    size = item["size"]
    return "small" if size["width"] * size["height"] < 5000 else "freight"


RESOLVERS = {"delivery": {"Item.boxType": box_type}}

OPERATIONS = {
    "Box": "query Box { items { title boxType } }",
    "BoxAndSize": "query BoxAndSize { items { boxType size { unit width } } }",
}
