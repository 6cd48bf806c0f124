"""Batching: a list of items asking for comments costs a fixed number of SQL statements, not one per item."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from gamja.service import ServiceRuntime
from subgraphs.comments.service_layer.container import CommentsServices
from tests.comments.support import World, user_id


def comments_engine(runtime: ServiceRuntime) -> Engine:
    services: CommentsServices = runtime.services
    return services.database.engine.sync_engine


@contextmanager
def counting_statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements the comments database runs inside the block."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def fifty_items_with_comments(world: World) -> tuple[list[str], dict[str, int]]:
    seller = user_id()
    items = [await world.items.create(seller, title=f"물건 {n}") for n in range(50)]
    await world.stack.settle()
    token = world.token(user_id())
    expected = {}
    for n, item in enumerate(items):
        expected[item] = n % 4
        for k in range(n % 4):
            await world.add(token, item, f"{n}번 물건 댓글 {k}")
    return items, expected


async def test_fifty_comment_counts_cost_one_query(world: World) -> None:
    items, expected = await fifty_items_with_comments(world)
    query = "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item { id commentCount } } }"
    reps = {"reps": [{"__typename": "Item", "id": item} for item in items]}

    with counting_statements(comments_engine(world.stack["comments"].runtime)) as statements:
        data = await world.client.data(query, reps)

    assert {entity["id"]: entity["commentCount"] for entity in data["_entities"]} == expected
    assert len(statements) == 1, statements


async def test_fifty_threads_with_replies_cost_a_fixed_number_of_queries(world: World) -> None:
    items, expected = await fifty_items_with_comments(world)
    token = world.token(user_id())
    first_thread = (await world.thread(items[1]))["comments"]["edges"][0]["node"]["id"]
    await world.add(token, items[1], "답글이에요", first_thread)
    expected[items[1]] += 1
    query = (
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item { id commentCount"
        " comments(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id author { id } replies { id } } } }"
        " } } }"
    )
    reps = {"reps": [{"__typename": "Item", "id": item} for item in items]}

    with counting_statements(comments_engine(world.stack["comments"].runtime)) as statements:
        data = await world.client.data(query, reps)

    by_id = {entity["id"]: entity for entity in data["_entities"]}
    assert {item: entity["commentCount"] for item, entity in by_id.items()} == expected
    assert by_id[items[3]]["comments"]["totalCount"] == 3
    assert len(by_id[items[3]]["comments"]["edges"]) == 2
    assert by_id[items[3]]["comments"]["pageInfo"]["hasNextPage"] is True
    assert len(by_id[items[1]]["comments"]["edges"][0]["node"]["replies"]) == 1
    # Counts, thread pages, thread totals and replies: one statement each, whatever the number of items.
    assert len(statements) == 4, statements
