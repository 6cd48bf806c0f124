from tests.items.conftest import Items


async def test_created_item_becomes_readable(items: Items) -> None:
    created = await items.create()
    assert await items.read(created["id"]) is None
    await items.settle()
    got = await items.read(created["id"])
    assert got["title"] == "이케아 책상"
