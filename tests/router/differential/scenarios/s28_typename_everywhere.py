"""__typename at the root, on objects, entities, interfaces and unions, and aliased."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'

SUBGRAPHS = {
    "a": LINK
    + """
interface Animal { name: String! }
type Dog implements Animal @key(fields: "id") { id: ID! name: String! }
type Cat implements Animal @key(fields: "id") { id: ID! name: String! }
union Pet = Dog | Cat
type Query { animals: [Animal!]! pets: [Pet!]! }
""",
    "b": LINK
    + """
type Dog @key(fields: "id") { id: ID! owner: Owner! }
type Owner { name: String! }
""",
}

DATA = {
    "a": {
        "Dog": [{"id": "d1", "name": "바둑이"}],
        "Cat": [{"id": "c1", "name": "나비"}],
        "Query": {
            "animals": [{"$ref": "Dog", "id": "d1"}, {"$ref": "Cat", "id": "c1"}],
            "pets": [{"$ref": "Cat", "id": "c1"}, {"$ref": "Dog", "id": "d1"}],
        },
    },
    "b": {"Dog": [{"id": "d1", "owner": {"name": "철수"}}]},
}

OPERATIONS = {
    "Everywhere": """query Everywhere {
  __typename
  t: __typename
  animals { __typename kind: __typename name ... on Dog { owner { __typename name } } }
  pets { __typename ... on Cat { name } }
}""",
    "OnlyTypenames": "query OnlyTypenames { pets { __typename } animals { __typename } }",
}
