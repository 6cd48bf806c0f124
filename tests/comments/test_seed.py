"""The demo seed: Korean comments on the demo items the service has heard of, once, whatever runs it again."""

from __future__ import annotations

from gamja.catalog import load_spec
from gamja.demo import DEMO_USERS
from subgraphs.comments.seed import DEMO_THREADS, demo_item_id
from tests.comments.support import World
from tests.conftest import MakeSettings
from tests.support.services import running_stack


async def seed_comments(world: World) -> None:
    spec = load_spec("comments")
    assert spec.seed is not None
    await spec.seed(world.stack["comments"].runtime)


async def test_the_seed_comments_on_known_items_only_and_only_once(world: World) -> None:
    iphone, desk = demo_item_id(1), demo_item_id(2)
    await world.items.create(DEMO_USERS[0].id, title="아이폰13 프로", item_id=iphone)
    await world.items.create(DEMO_USERS[1].id, title="이케아 책상", item_id=desk)
    await world.items.delete(desk)

    # Not settled on purpose: the seed learns the items from the events itself.
    await seed_comments(world)
    await seed_comments(world)

    thread = await world.thread(iphone)
    nodes = [edge["node"] for edge in thread["comments"]["edges"]]
    expected = [t for t in DEMO_THREADS if t.item == 1]
    assert [node["body"] for node in nodes] == [t.body for t in expected]
    assert [node["author"]["id"] for node in nodes] == [DEMO_USERS[t.author].id for t in expected]
    assert [[(r["body"], r["author"]["id"]) for r in node["replies"]] for node in nodes] == [
        [(t.seller_reply, DEMO_USERS[0].id)] for t in expected
    ]
    assert thread["commentCount"] == 2 * len(expected)
    assert (await world.thread(desk))["commentCount"] == 0
    assert (await world.thread(demo_item_id(7)))["commentCount"] == 0


async def test_the_seed_follows_the_items_services_demo_listings(make_settings: MakeSettings) -> None:
    settings = await make_settings("items", "comments")
    async with running_stack(settings, "items", "comments") as stack:
        # In the order `gamja seed` uses: items first (it publishes its events), then comments.
        for name in ("items", "comments"):
            spec = load_spec(name)
            assert spec.seed is not None
            await spec.seed(stack[name].runtime)

        seeded = {thread.item for thread in DEMO_THREADS}
        data = await stack["comments"].client.data(
            "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item { id commentCount } } }",
            {"reps": [{"__typename": "Item", "id": demo_item_id(n)} for n in sorted(seeded)]},
        )

    counts = {entity["id"]: entity["commentCount"] for entity in data["_entities"]}
    assert counts == {
        demo_item_id(n): sum(1 + (t.seller_reply is not None) for t in DEMO_THREADS if t.item == n) for n in seeded
    }
