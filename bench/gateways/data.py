"""The public gateways benchmark's data, its four subgraphs, and the response its query must get.

Same tables and the same resolver behaviour as the benchmark's Rust subgraphs (graphql-hive/
graphql-gateways-benchmark), restated here as data:
- accounts: six users; `users`, `user(id)`, `me` (the first user);
- products: nine products; `topProducts(first = 5)` is the first `first`;
- inventory: `inStock` per product; `shippingEstimate` requires `price weight` but the benchmark's
  entity resolver never reads them from the representation, so it is always null;
- reviews: eleven reviews; a product's `reviews` are those of its upc; every review's `author` is
  user 1 with the provided `username` "urigo"; every user's `reviews` are the first two reviews.

`expected_response()` builds the benchmark query's answer straight from these tables (not through
any GraphQL executor), so it checks the subgraphs and every gateway alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUBGRAPHS = ("accounts", "inventory", "products", "reviews")
QUERY = (HERE / "query.graphql").read_text()

USERS = [
    {"id": "1", "name": "Uri Goldshtein", "username": "urigo", "birthday": 1234567890},
    {"id": "2", "name": "Dotan Simha", "username": "dotansimha", "birthday": 1234567890},
    {"id": "3", "name": "Kamil Kisiela", "username": "kamilkisiela", "birthday": 1234567890},
    {"id": "4", "name": "Arda Tanrikulu", "username": "ardatan", "birthday": 1234567890},
    {"id": "5", "name": "Gil Gardosh", "username": "gilgardosh", "birthday": 1234567890},
    {"id": "6", "name": "Laurin Quast", "username": "laurin", "birthday": 1234567890},
]

PRODUCTS = [
    {"upc": "1", "name": "Table", "price": 899, "weight": 100},
    {"upc": "2", "name": "Couch", "price": 1299, "weight": 1000},
    {"upc": "3", "name": "Glass", "price": 15, "weight": 20},
    {"upc": "4", "name": "Chair", "price": 499, "weight": 100},
    {"upc": "5", "name": "TV", "price": 1299, "weight": 1000},
    {"upc": "6", "name": "Lamp", "price": 6999, "weight": 300},
    {"upc": "7", "name": "Grill", "price": 3999, "weight": 2000},
    {"upc": "8", "name": "Fridge", "price": 100000, "weight": 6000},
    {"upc": "9", "name": "Sofa", "price": 9999, "weight": 800},
]

IN_STOCK = {"1": True, "2": False, "3": False, "4": False, "5": True, "6": True, "7": True, "8": False, "9": True}

_LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex "
    "ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu "
    "fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
    "mollit anim id est laborum."
)
_SED_UT = (
    "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam "
    "rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt "
    "explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi"
)
_SED_QUIA = (
    "sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, "
    "qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora "
    "incidunt ut labore et dolore magnam aliquam quaerat voluptatem."
)
_UT_ENIM = (
    "Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid "
    "ex ea commodi consequatur? Quis autem"
)
_AT_VERO = (
    "At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti "
    "atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique "
    "sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum "
    "facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil "
    "impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor "
    "repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut "
    "et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente "
    "delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores "
    "repellat."
)
# (id, body, product upc)
REVIEWS = [
    ("1", _LOREM, "1"),
    ("2", _SED_UT, "1"),
    ("3", _SED_QUIA, "1"),
    ("4", _UT_ENIM, "1"),
    ("5", _LOREM, "2"),
    ("6", _SED_UT, "2"),
    ("7", _SED_QUIA, "2"),
    ("8", _UT_ENIM, "2"),
    ("9", _UT_ENIM, "3"),
    ("10", _UT_ENIM, "4"),
    ("11", _AT_VERO, "4"),
]
AUTHOR = {"id": "1", "username": "urigo"}
TOP_PRODUCTS_DEFAULT = 5


def sdl(subgraph: str) -> str:
    return (HERE / "subgraphs" / f"{subgraph}.graphql").read_text()


# --- The subgraphs, as data for tests/router/differential's FixtureSubgraph --------------------------


def _review_object(review: tuple[str, str, str]) -> dict[str, Any]:
    review_id, body, upc = review
    return {"id": review_id, "body": body, "product": {"$ref": "Product", "upc": upc}}


def fixture_data() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """`{subgraph: (data, resolvers)}` in FixtureSubgraph's terms."""
    reviews = [_review_object(r) for r in REVIEWS]
    return {
        "accounts": (
            {
                "User": USERS,
                "Query": {"me": {"$ref": "User", "id": "1"}, "user": {"$find": "User"}, "users": {"$all": "User"}},
            },
            {},
        ),
        "products": (
            {"Product": PRODUCTS},
            {"Query.topProducts": lambda _root, first=TOP_PRODUCTS_DEFAULT: PRODUCTS[:first]},
        ),
        "inventory": (
            {"Product": [{"upc": upc, "inStock": in_stock} for upc, in_stock in IN_STOCK.items()]},
            {"Product.shippingEstimate": lambda _product: None},
        ),
        "reviews": (
            # No User or Product objects: `_entities` answers with the representation, and the resolvers
            # below add what this subgraph knows about them.
            {"Review": reviews},
            {
                "Product.reviews": lambda product: [r for r in reviews if r["product"]["upc"] == product["upc"]],
                "Review.author": lambda _review: {"__typename": "User", **AUTHOR},
                "User.reviews": lambda _user: reviews[:2],
            },
        ),
    }


# --- The answer the benchmark query must get, built from the tables ----------------------------------


def _product(upc: str) -> dict[str, Any]:
    product = next(p for p in PRODUCTS if p["upc"] == upc)
    return {
        "inStock": IN_STOCK[upc],
        "name": product["name"],
        "price": product["price"],
        "shippingEstimate": None,
        "upc": upc,
        "weight": product["weight"],
    }


def _user(user_id: str, username: str) -> dict[str, Any]:
    user = next(u for u in USERS if u["id"] == user_id)
    return {"id": user_id, "username": username, "name": user["name"]}


def _user_reviews() -> list[dict[str, Any]]:
    """`reviews { ...Review product { ...Product } }` of any user: the first two reviews."""
    return [{"id": rid, "body": body, "product": _product(upc)} for rid, body, upc in REVIEWS[:2]]


def _author() -> dict[str, Any]:
    return {**_user(AUTHOR["id"], AUTHOR["username"]), "reviews": _user_reviews()}


def _product_reviews(upc: str) -> list[dict[str, Any]]:
    """`reviews { ...Review author { ...User reviews { ... } } }` of a product."""
    return [{"id": rid, "body": body, "author": _author()} for rid, body, of in REVIEWS if of == upc]


def expected_response() -> dict[str, Any]:
    users = [
        {
            **_user(user["id"], user["username"]),
            "reviews": [
                {"id": rid, "body": body, "product": {**_product(upc), "reviews": _product_reviews(upc)}}
                for rid, body, upc in REVIEWS[:2]
            ],
        }
        for user in USERS
    ]
    top_products = [
        {**_product(p["upc"]), "reviews": _product_reviews(p["upc"])} for p in PRODUCTS[:TOP_PRODUCTS_DEFAULT]
    ]
    return {"data": {"users": users, "topProducts": top_products}}
