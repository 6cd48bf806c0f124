"""Token revocation in every verifier: a generation claim against an in-memory feed of users.events."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.db import Database
from gamja.events.envelope import Event
from gamja.events.factory import open_transport
from gamja.events.topics import USERS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app
from gamja.subgraph.schema import build_schema
from tests.kit.test_subgraph_kit import Counter, Query, Thing
from tests.support.graphql import serve_in_process


def _signed_out(user_id: str, generation: int) -> Event:
    payload = {"id": user_id, "tokenGeneration": generation}
    return Event(type="UserSignedOutEverywhere", aggregate_id=user_id, version=generation + 1, payload=payload)


async def test_a_process_refuses_tokens_revoked_before_it_started_from_its_first_request(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, jwt_secret=SecretStr("s" * 48))
    transport = open_transport(settings)
    await transport.publish(USERS_EVENTS, [_record(_signed_out("u1", 1)), _record(_signed_out("u1", 2))])
    await transport.close()
    tokens = TokenService.from_settings(settings)
    old, current = tokens.issue(Viewer("u1"), generation=1), tokens.issue(Viewer("u1"), generation=2)
    untouched = tokens.issue(Viewer("u2"))  # tokens from before the claim existed count as generation 0
    runtime = ServiceRuntime(
        name="kit",
        schema=build_schema(query=Query, types=[Thing]),
        databases={"": Database(f"sqlite+aiosqlite:///{tmp_path / 'kit.db'}")},
        tokens=tokens,
        services=Counter(),
    )
    async with serve_in_process(create_subgraph_app(runtime, run_workers=True)) as gql:
        assert await gql.error_codes("{ whoami }", token=old) == ["UNAUTHENTICATED"]
        assert await gql.data("{ whoami }", token=current) == {"whoami": "u1"}
        assert await gql.data("{ whoami }", token=untouched) == {"whoami": "u2"}


def _record(event: Event) -> OutgoingRecord:
    return OutgoingRecord(key=event.aggregate_id, value=event.encode())
