"""Finding 11 of issue 11: an inverted price range is the same BAD_USER_INPUT on `items` and `searchItems`."""

from __future__ import annotations

from tests.e2e.conftest import Marketplace


async def test_an_inverted_price_range_is_the_same_error_on_items_and_search(marketplace: Marketplace) -> None:
    items = await marketplace.router.execute("{ items(filter: { minPrice: 500, maxPrice: 100 }) { totalCount } }")
    search = await marketplace.router.execute(
        '{ searchItems(query: "폰", filter: { minPrice: 500, maxPrice: 100 }) { totalCount } }'
    )
    for body in (items, search):
        error = body["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", body
        assert error["message"] == "`minPrice` is greater than `maxPrice`: nothing can match."
    assert items["errors"][0]["extensions"]["field"] == search["errors"][0]["extensions"]["field"]


async def test_a_fragment_bomb_is_a_client_error_not_a_planning_failure(marketplace: Marketplace) -> None:
    """Finding 10: fragments that multiply past the cap answered HTTP 500 QUERY_PLANNING_FAILED."""
    fragments = ["fragment F0 on Item { id title }"]
    for level in range(1, 12):
        fragments.append(f"fragment F{level} on Item {{ ...F{level - 1} seller {{ id }} ...F{level - 1} }}")
    query = "{ items { edges { node { ...F11 } } } }\n" + "\n".join(fragments)
    response = await marketplace.router.http.post("/graphql", json={"query": query})
    body = response.json()
    codes = [error["extensions"]["code"] for error in body["errors"]]
    # The status follows the router's GraphQL-over-HTTP rules (router/server/README.md); never a 5xx.
    assert response.status_code < 500, body
    assert codes and codes[0].startswith("MAX_") and codes[0].endswith("_LIMIT"), body
