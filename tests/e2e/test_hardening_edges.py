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
