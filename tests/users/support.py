"""GraphQL operations and helpers the users tests share."""

from __future__ import annotations

from typing import Any

from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.settings import Settings
from tests.support.graphql import GraphQLClient

PASSWORD = "correct-horse-9"

SIGN_UP = """
mutation ($input: SignUpInput!) {
  signUp(input: $input) { token user { id email nickname region createdAt roles mannerScore } }
}
"""

LOG_IN = """
mutation ($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { token user { id nickname } }
}
"""

ME = "{ me { id email nickname region roles } }"


def sign_up_input(**overrides: str) -> dict[str, str]:
    values = {"email": "potato@example.com", "password": PASSWORD, "nickname": "감자", "region": "서울 마포구 망원동"}
    values.update(overrides)
    return values


async def sign_up(client: GraphQLClient, **overrides: str) -> dict[str, Any]:
    """Sign up and return `{token, user}`."""
    data = await client.data(SIGN_UP, {"input": sign_up_input(**overrides)})
    payload: dict[str, Any] = data["signUp"]
    return payload


async def first_error(
    client: GraphQLClient, query: str, variables: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    body = await client.execute(query, variables, **kw)
    assert body.get("errors"), f"expected an error, got {body}"
    error: dict[str, Any] = body["errors"][0]
    return error


async def publish_item_event(
    settings: Settings,
    *,
    item_id: str,
    version: int,
    status: str,
    seller_id: str,
    buyer_id: str | None,
    event_type: str = "ItemStatusChanged",
) -> None:
    """What the items service's relay would put on `items.events` (the items subgraph is built elsewhere)."""
    payload = {
        "id": item_id,
        "title": "아이폰 13 미니",
        "description": "깨끗하게 썼어요",
        "price": 450000,
        "category": "디지털기기",
        "region": "서울 마포구 망원동",
        "status": status,
        "seller_id": seller_id,
        "buyer_id": buyer_id,
        "sold_at": "2026-11-21T09:00:00Z" if status == "SOLD" else None,
        "like_count": 0,
        "liked_by": [],
        "created_at": "2026-11-20T09:00:00Z",
        "updated_at": "2026-11-21T09:00:00Z",
        "bumped_at": "2026-11-20T09:00:00Z",
        "deleted": False,
    }
    event = Event(type=event_type, aggregate_id=item_id, version=version, payload=payload)
    log = LocalLog(settings.events_log_file())
    try:
        await log.publish(
            ITEMS_EVENTS, [OutgoingRecord(key=item_id, value=event.encode(), headers={"type": event_type})]
        )
    finally:
        await log.close()
