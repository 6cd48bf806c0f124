"""The scratch file a check keeps the log's latest record per key in: newest version wins, read back in key order."""

from __future__ import annotations

from gamja.events.latest import LatestPerKey


async def test_the_newest_version_of_each_key_wins_whatever_the_order_and_pages_come_in_key_order() -> None:
    async with LatestPerKey.opened() as latest:
        await latest.add([("b", 1, "b1"), ("a", 2, "a2"), ("b", 3, "b3")])
        await latest.add([("a", 1, "a1"), ("c", 1, "c1"), ("b", 3, "b3-again")])
        pages = [page async for page in latest.pages(size=2)]
    assert pages == [[("a", 2, "a2"), ("b", 3, "b3")], [("c", 1, "c1")]]
