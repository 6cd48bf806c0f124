"""A shareable root field any of two subgraphs can answer, next to one only the second has."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "catalog": LINK
    + """
type Region @shareable { code: String! name: String! }
type Query { regions: [Region!]! @shareable motd: String }
""",
    "geo": LINK
    + """
type Region @shareable { code: String! name: String! }
type Query { regions: [Region!]! @shareable region(code: String!): Region }
""",
}

REGIONS = [{"code": "mapo", "name": "마포구"}, {"code": "gangnam", "name": "강남구"}]

DATA = {
    "catalog": {"Region": REGIONS, "Query": {"regions": {"$all": "Region"}, "motd": "오늘의 나눔"}},
    "geo": {"Region": REGIONS, "Query": {"regions": {"$all": "Region"}, "region": {"$find": "Region"}}},
}

OPERATIONS = {
    "Shared": "query Shared { regions { name code } }",
    "SharedWithCatalog": "query SharedWithCatalog { motd regions { code } }",
    "SharedWithGeo": 'query SharedWithGeo { region(code: "mapo") { name } regions { name } }',
}
