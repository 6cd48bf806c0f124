"""The project's own four subgraph schemas (as their Strawberry apps print them), with fixture data.

Regenerate `supergraphs/s38_project_supergraph.graphql` (compose_scenarios.py) when they change;
test_supergraph_fixtures_are_current fails until then.
"""

from subgraphs.comments.graphql.schema import build_comments_schema
from subgraphs.items.graphql.schema import build_items_schema
from subgraphs.search.graphql.schema import build_search_schema
from subgraphs.users.graphql.schema import build_users_schema


def _sdl(build: object) -> str:
    result = build().execute_sync("{ _service { sdl } }")  # type: ignore[operator]
    assert result.errors is None, result.errors
    return str(result.data["_service"]["sdl"])


SUBGRAPHS = {
    "users": _sdl(build_users_schema),
    "items": _sdl(build_items_schema),
    "comments": _sdl(build_comments_schema),
    "search": _sdl(build_search_schema),
}

T0 = "2026-11-01T09:00:00Z"
USERS = [
    {
        "id": "u1",
        "nickname": "당근이",
        "region": "서울 마포구 망원동",
        "createdAt": T0,
        "roles": ["USER"],
        "email": None,
        "mannerScore": 36.5,
    },
    {
        "id": "u2",
        "nickname": "감자",
        "region": "서울 마포구 합정동",
        "createdAt": T0,
        "roles": ["USER", "ADMIN"],
        "email": None,
        "mannerScore": 38.0,
    },
]
ITEMS = [
    {
        "id": "i1",
        "title": "아이폰13프로 팝니다",
        "description": "배터리 90%",
        "price": 650000,
        "category": "디지털기기",
        "region": "서울 마포구 망원동",
        "status": "ON_SALE",
        "createdAt": T0,
        "updatedAt": T0,
        "bumpedAt": T0,
        "soldAt": None,
        "likeCount": 3,
        "viewCount": 40,
        "likedByViewer": False,
        "seller": {"$ref": "User", "id": "u1"},
    },
    {
        "id": "i2",
        "title": "아이패드 나눔",
        "description": "",
        "price": 0,
        "category": "디지털기기",
        "region": "서울 마포구 합정동",
        "status": "RESERVED",
        "createdAt": T0,
        "updatedAt": T0,
        "bumpedAt": T0,
        "soldAt": None,
        "likeCount": 9,
        "viewCount": 120,
        "likedByViewer": False,
        "seller": {"$ref": "User", "id": "u2"},
    },
    {
        "id": "i3",
        "title": "자전거",
        "description": "삼천리",
        "price": 80000,
        "category": "스포츠",
        "region": "서울 마포구 망원동",
        "status": "SOLD",
        "createdAt": T0,
        "updatedAt": T0,
        "bumpedAt": T0,
        "soldAt": T0,
        "likeCount": 0,
        "viewCount": 7,
        "likedByViewer": False,
        "seller": {"$ref": "User", "id": "u1"},
    },
]
COMMENTS = [
    {
        "id": "c1",
        "body": "네고 되나요?",
        "createdAt": T0,
        "updatedAt": T0,
        "isDeleted": False,
        "parentId": None,
        "author": {"$ref": "User", "id": "u2"},
        "item": {"$ref": "Item", "id": "i1"},
        "itemId": "i1",
    },
    {
        "id": "c2",
        "body": "조금은요",
        "createdAt": T0,
        "updatedAt": T0,
        "isDeleted": False,
        "parentId": "c1",
        "author": {"$ref": "User", "id": "u1"},
        "item": {"$ref": "Item", "id": "i1"},
        "itemId": "i1",
    },
    {
        "id": "c3",
        "body": "예약할게요",
        "createdAt": T0,
        "updatedAt": T0,
        "isDeleted": False,
        "parentId": None,
        "author": {"$ref": "User", "id": "u1"},
        "item": {"$ref": "Item", "id": "i2"},
        "itemId": "i2",
    },
]


def connection(nodes: list, first: int | None = None, after: str | None = None) -> dict:
    start = next((n + 1 for n, node in enumerate(nodes) if node["id"] == after), 0)
    chosen = nodes[start:][: first if first is not None else None]
    return {
        "edges": [{"cursor": node["id"], "node": node} for node in chosen],
        "pageInfo": {
            "hasNextPage": start + len(chosen) < len(nodes),
            "endCursor": chosen[-1]["id"] if chosen else None,
        },
        "totalCount": len(nodes),
    }


def items(root: object, filter: dict | None = None, first: int | None = None, after: str | None = None) -> dict:
    region = (filter or {}).get("region") or ""
    chosen = [{"$ref": "Item", "id": i["id"]} for i in ITEMS if i["region"].startswith(region)]
    return connection(chosen, first, after)


def items_of_seller(user: dict, status: str | None = None, first: int | None = None, after: str | None = None) -> dict:
    chosen = [i for i in ITEMS if i["seller"]["id"] == user["id"] and (status is None or i["status"] == status)]
    return connection([{"$ref": "Item", "id": i["id"]} for i in chosen], first, after)


def item_comments(item: dict, first: int | None = None, after: str | None = None) -> dict:
    chosen = [{"$ref": "Comment", "id": c["id"]} for c in COMMENTS if c["itemId"] == item["id"] and not c["parentId"]]
    return connection(chosen, first, after)


def search_items(root: object, query: str, first: int | None = None, after: str | None = None, **_: object) -> dict:
    hits = [i for i in ITEMS if query in i["title"]]
    result = connection([{"$ref": "Item", "id": i["id"]} for i in hits], first, after)
    for edge, hit in zip(result["edges"], hits, strict=False):
        edge["highlight"] = hit["title"].replace(query, f"<mark>{query}</mark>")
    return result


DATA = {
    "users": {"User": USERS, "Query": {"me": {"$ref": "User", "id": "u1"}, "user": {"$find": "User"}}},
    "items": {
        "Item": ITEMS,
        "User": [{"id": u["id"]} for u in USERS],
        "Query": {"item": {"$find": "Item"}, "categories": ["디지털기기", "스포츠"]},
    },
    "comments": {
        "Comment": COMMENTS,
        "Item": [{"id": i["id"], "commentCount": sum(c["itemId"] == i["id"] for c in COMMENTS)} for i in ITEMS],
        "User": [{"id": u["id"]} for u in USERS],
        "Query": {"comment": {"$find": "Comment"}},
    },
    "search": {
        "Query": {"searchSuggestions": ["아이폰", "아이패드"], "popularSearchTerms": [{"term": "아이폰", "count": 12}]}
    },
}

RESOLVERS = {
    "users": {"User.reviews": lambda user, **_: connection([])},
    "items": {
        "Query.items": items,
        "User.items": items_of_seller,
        "User.likedItems": lambda user, **_: connection([]),
        "User.purchases": lambda user, **_: connection([]),
    },
    "comments": {
        "Item.comments": item_comments,
        "Comment.replies": lambda comment: [c for c in COMMENTS if c["parentId"] == comment["id"]],
        "User.comments": lambda user, **_: connection(
            [{"$ref": "Comment", "id": c["id"]} for c in COMMENTS if c["author"]["id"] == user["id"]]
        ),
    },
    "search": {
        "Query.searchItems": search_items,
        "Query.relatedItems": lambda root, itemId, first=None: [{"$ref": "Item", "id": "i2"}],
    },
}

OPERATIONS = {
    "SearchPage": """query SearchPage($q: String!) {
  searchItems(query: $q, first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      highlight
      node {
        id title price status region
        seller { nickname mannerScore }
        commentCount
        comments(first: 2) { edges { node { body author { nickname } replies { body author { nickname } } } } }
      }
    }
  }
}""",
    "ItemDetail": """query ItemDetail {
  item(id: "i1") {
    title description price status likeCount viewCount createdAt
    seller { id nickname region items(first: 5) { totalCount edges { node { title status } } } }
    comments { totalCount edges { cursor node { body isDeleted author { nickname } } } }
  }
  relatedItems(itemId: "i1") { title seller { nickname } }
}""",
    "Profile": """query Profile {
  user(id: "u1") {
    nickname region roles mannerScore
    items(status: ON_SALE) { edges { node { title commentCount } } }
    comments { edges { node { body item { title seller { nickname } } } } }
    reviews { totalCount }
  }
}""",
    "Feed": """query Feed {
  items(filter: {region: "서울 마포구 망원동"}, first: 1) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { title price seller { nickname } commentCount } }
  }
  categories
  searchSuggestions(prefix: "아이")
  popularSearchTerms { term count }
}""",
    "Me": "query Me { me { nickname email createdAt } }",
}

VARIABLES = {"SearchPage": {"q": "아이"}}
