"""The `User` federation entity: representations resolve in one query, unknown ids resolve to null."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import MakeSettings
from tests.support.services import running_stack
from tests.users.support import sign_up

ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id nickname mannerScore } }
}
"""


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_many_representations_cost_one_query(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        ids = [(await sign_up(client, email=f"u{n}@example.com", nickname=f"이웃{n}"))["user"]["id"] for n in range(5)]
        missing = "00000000-0000-4000-8000-00000000beef"
        # Routers send extra fields and may repeat a key; both must be accepted.
        representations = [{"__typename": "User", "id": user_id, "nickname": "stale"} for user_id in ids]
        representations += [{"__typename": "User", "id": missing}, {"__typename": "User", "id": ids[0]}]

        with statements(stack["users"].runtime.databases[""].engine) as seen:
            data = await client.data(ENTITIES, {"representations": representations})

        entities = data["_entities"]
        assert [entity and entity["id"] for entity in entities] == [*ids, None, ids[0]]
        assert [entity["nickname"] for entity in entities[:5]] == [f"이웃{n}" for n in range(5)]
        assert all(entity["mannerScore"] == 36.5 for entity in entities if entity)
        user_queries = [s for s in seen if "FROM users" in s]
        review_queries = [s for s in seen if "FROM reviews" in s]
        assert len(user_queries) == 1, user_queries
        assert len(review_queries) == 1, review_queries


async def test_service_sdl_declares_the_user_entity(make_settings: MakeSettings) -> None:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        sdl = (await stack["users"].client.data("{ _service { sdl } }"))["_service"]["sdl"]
        assert 'type User @key(fields: "id")' in sdl
        assert "federation/v2." in sdl
        assert "signUp(input: SignUpInput!): AuthPayload!" in sdl
        assert "logIn(email: String!, password: String!): AuthPayload!" in sdl
        assert "scalar DateTime" in sdl
