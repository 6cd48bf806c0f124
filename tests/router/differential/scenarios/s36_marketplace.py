"""The marketplace's own shape: a search whose hits show the seller's nickname, the comment count
and the first comments with their authors (search → items → comments → users)."""

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])'

SUBGRAPHS = {
    "users": LINK
    + """
scalar DateTime
type User @key(fields: "id") { id: ID! nickname: String! region: String! createdAt: DateTime! }
type Query { me: User user(id: ID!): User }
""",
    "items": LINK
    + """
scalar DateTime
enum ItemStatus { ON_SALE RESERVED SOLD }
type User @key(fields: "id", resolvable: false) { id: ID! }
type Item @key(fields: "id") {
  id: ID! title: String! price: Int! status: ItemStatus! seller: User! createdAt: DateTime!
}
type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
type ItemEdge { cursor: String! node: Item! }
type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int! }
type Query { item(id: ID!): Item items(first: Int): ItemConnection! }
""",
    "comments": LINK
    + """
scalar DateTime
type User @key(fields: "id", resolvable: false) { id: ID! }
type Comment @key(fields: "id") { id: ID! body: String! author: User! createdAt: DateTime! }
type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
type CommentEdge { cursor: String! node: Comment! }
type CommentConnection { edges: [CommentEdge!]! pageInfo: PageInfo! totalCount: Int! }
type Item @key(fields: "id") { id: ID! comments(first: Int, after: String): CommentConnection commentCount: Int }
""",
    "search": LINK
    + """
type Item @key(fields: "id", resolvable: false) { id: ID! }
type SearchItemEdge { cursor: String! node: Item! highlight: String }
type SearchItemConnection { edges: [SearchItemEdge!]! totalCount: Int! }
type Query { searchItems(query: String!, first: Int): SearchItemConnection! }
""",
}

USERS = [
    {"id": "u1", "nickname": "당근이", "region": "서울 마포구 망원동", "createdAt": "2026-01-01T00:00:00Z"},
    {"id": "u2", "nickname": "감자", "region": "서울 마포구 합정동", "createdAt": "2026-02-01T00:00:00Z"},
]
ITEMS = [
    {
        "id": "i1",
        "title": "아이폰13프로",
        "price": 700000,
        "status": "ON_SALE",
        "seller": {"$ref": "User", "id": "u1"},
        "createdAt": "2026-03-01T00:00:00Z",
    },
    {
        "id": "i2",
        "title": "아이패드 미니",
        "price": 0,
        "status": "RESERVED",
        "seller": {"$ref": "User", "id": "u2"},
        "createdAt": "2026-03-02T00:00:00Z",
    },
]
COMMENTS = {
    "i1": [
        {
            "id": "c1",
            "body": "네고 되나요?",
            "author": {"$ref": "User", "id": "u2"},
            "createdAt": "2026-03-03T00:00:00Z",
        },
        {"id": "c2", "body": "안 돼요", "author": {"$ref": "User", "id": "u1"}, "createdAt": "2026-03-04T00:00:00Z"},
    ],
    "i2": [],
}


def comments(item: dict, first: int | None = None, after: str | None = None) -> dict:
    chosen = COMMENTS[item["id"]][: first if first is not None else None]
    return {
        "edges": [{"cursor": c["id"], "node": c} for c in chosen],
        "pageInfo": {
            "hasNextPage": len(chosen) < len(COMMENTS[item["id"]]),
            "endCursor": chosen[-1]["id"] if chosen else None,
        },
        "totalCount": len(COMMENTS[item["id"]]),
    }


def items(root: object, first: int | None = None) -> dict:
    chosen = ITEMS[: first if first is not None else None]
    return {
        "edges": [{"cursor": i["id"], "node": {"$ref": "Item", "id": i["id"]}} for i in chosen],
        "pageInfo": {"hasNextPage": len(chosen) < len(ITEMS), "endCursor": chosen[-1]["id"] if chosen else None},
        "totalCount": len(ITEMS),
    }


def search_items(root: object, query: str, first: int | None = None) -> dict:
    hits = [i for i in ITEMS if query in i["title"]][: first if first is not None else None]
    return {
        "edges": [
            {
                "cursor": h["id"],
                "node": {"$ref": "Item", "id": h["id"]},
                "highlight": h["title"].replace(query, f"<em>{query}</em>"),
            }
            for h in hits
        ],
        "totalCount": len(hits),
    }


DATA = {
    "users": {"User": USERS, "Query": {"me": {"$ref": "User", "id": "u1"}, "user": {"$find": "User"}}},
    "items": {"Item": ITEMS, "Query": {"item": {"$find": "Item"}}},
    "comments": {"Item": [{"id": i["id"], "commentCount": len(COMMENTS[i["id"]])} for i in ITEMS]},
    "search": {},
}

RESOLVERS = {
    "items": {"Query.items": items},
    "comments": {"Item.comments": comments},
    "search": {"Query.searchItems": search_items},
}

OPERATIONS = {
    "SearchPage": """query SearchPage($q: String!) {
  searchItems(query: $q, first: 10) {
    totalCount
    edges {
      highlight
      node {
        id title price status
        seller { nickname region }
        commentCount
        comments(first: 1) { totalCount edges { node { body author { nickname } } } pageInfo { hasNextPage } }
      }
    }
  }
}""",
    "Feed": "query Feed { items(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { title seller { nickname } } } } }",
    "Me": "query Me { me { nickname createdAt } }",
}

VARIABLES = {"SearchPage": {"q": "아이"}}
