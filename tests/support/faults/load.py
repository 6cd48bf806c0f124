"""A steady mixed load through the router (reads, searches, writes) that records every request and every write.

Each writer owns the items it creates and works on them one request at a time, so the order of the writes to
one item is known: the verifier can then say which writes must be there, which may be (sent, but never
acknowledged), and that none is there twice. Every write carries a token of its own (in the description of
a new item, in the title an edit sets, in a comment's body) to be found again in the databases.
"""

from __future__ import annotations

import asyncio
import random
import string
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ["Ledger", "Load", "Request", "run_tag"]

CREATE = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"
UPDATE = "mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { id } }"
COMMENT = "mutation($itemId: ID!, $body: String!) { addComment(itemId: $itemId, body: $body) { id } }"
READ = "query($id: ID!) { item(id: $id) { id title likeCount commentCount } }"
LIST = "query { items(first: 5) { edges { node { id title commentCount } } } }"
SEARCH = "query($q: String!) { searchItems(query: $q, first: 5) { totalCount edges { node { id title } } } }"
SIGN_UP = "mutation($input: SignUpInput!) { signUp(input: $input) { token } }"

WRITES = frozenset({"create", "update", "comment"})
KNOWN_AFTER = 5.0  # seconds after its create a writer comments on an item


def run_tag() -> str:
    """Letters only, so the search tokenizer keeps it whole: every item of one run is found by it."""
    return "gf" + "".join(random.choices(string.ascii_lowercase, k=10))


@dataclass
class Request:
    kind: str  # create, update, comment, read, list, search
    started: float
    ended: float = 0.0
    error: str | None = None  # the first error's code, or the transport failure

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Write:
    kind: str
    token: str
    item_id: str | None  # for a create: the id it returned (None when not acknowledged)
    acknowledged: bool


@dataclass
class Ledger:
    writes: list[Write] = field(default_factory=list)

    def of(self, kind: str) -> list[Write]:
        return [write for write in self.writes if write.kind == kind]


class Load:
    def __init__(
        self,
        router_url: str,
        tokens: list[str],
        tag: str,
        *,
        writers: int = 2,
        readers: int = 2,
        searchers: int = 1,
        pause: float = 0.05,
    ) -> None:
        self.router_url = router_url
        self.tokens = tokens
        self.tag = tag
        self.pause = pause
        self.counts = (writers, readers, searchers)
        self.requests: list[Request] = []
        self.in_flight: set[int] = set()  # ids of Request objects on the wire
        self.ledger = Ledger()
        self.item_ids: list[str] = []  # acknowledged creates, for the readers
        self.odd_answers: list[str] = []  # bodies without data and without errors, for the report
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._client = httpx.AsyncClient(
            base_url=router_url, timeout=30, trust_env=False, limits=httpx.Limits(max_connections=20)
        )

    @classmethod
    async def sign_up(cls, router_url: str, tag: str, count: int) -> list[str]:
        async with httpx.AsyncClient(base_url=router_url, timeout=60, trust_env=False) as client:
            tokens = []
            for n in range(count):
                body = {
                    "query": SIGN_UP,
                    "variables": {
                        "input": {
                            "email": f"{tag}{n}@faults.example",
                            "password": f"{tag}-password-{n}",
                            "nickname": f"{tag}{n}",
                            "region": "서울 마포구",
                        }
                    },
                }
                # Set-up, not load: on a starved machine the users subgraph may time out hashing a password.
                for attempt in range(1, 6):
                    answer = (await client.post("/graphql", json=body)).json()
                    if not answer.get("errors"):
                        break
                    if attempt == 5 or answer["errors"][0].get("extensions", {}).get("code") != "SUBGRAPH_TIMEOUT":
                        raise RuntimeError(f"sign-up through the router failed: {answer['errors']}")
                tokens.append(answer["data"]["signUp"]["token"])
            return tokens

    def start(self) -> None:
        writers, readers, searchers = self.counts
        loops = [self._writer(n) for n in range(writers)]
        loops += [self._reader(n) for n in range(readers)]
        loops += [self._searcher() for _ in range(searchers)]
        self._tasks = [asyncio.create_task(loop) for loop in loops]

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks)
        await self._client.aclose()

    def in_flight_now(self, kinds: frozenset[str] | None = None) -> int:
        return sum(
            1 for request in self.requests if id(request) in self.in_flight and (not kinds or request.kind in kinds)
        )

    def between(self, start: float, end: float) -> list[Request]:
        return [request for request in self.requests if start <= request.started < end]

    async def _call(self, kind: str, query: str, variables: dict[str, Any], token: str) -> dict[str, Any] | None:
        request = Request(kind, time.monotonic())
        self.requests.append(request)
        self.in_flight.add(id(request))
        data: dict[str, Any] | None = None
        try:
            response = await self._client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"authorization": f"Bearer {token}"},
            )
            body = response.json()
            errors = body.get("errors") if isinstance(body, dict) else None
            if errors:
                request.error = str(errors[0].get("extensions", {}).get("code", "ERROR"))
            elif response.status_code == 200 and body.get("extensions", {}).get("valueCompletion"):
                # A non-null field came back null and took `data` with it (the router reports that under
                # extensions.valueCompletion, as Apollo's router does), e.g. a search hit that the items
                # read store does not hold yet.
                request.error = "VALUE_COMPLETION"
                self.odd_answers.append(response.text[:300])
            elif response.status_code != 200 or not isinstance(body.get("data"), dict):
                request.error = f"HTTP {response.status_code}"
                self.odd_answers.append(response.text[:300])
            else:
                data = body["data"]
        except (httpx.HTTPError, ValueError) as exc:
            request.error = type(exc).__name__
        finally:
            request.ended = time.monotonic()
            self.in_flight.discard(id(request))
        return data

    async def _paced(self) -> bool:
        """Wait one pause; False once the load is stopping."""
        try:
            await asyncio.wait_for(self._stop.wait(), self.pause)
        except TimeoutError:
            return True
        return False

    async def _writer(self, number: int) -> None:
        token = self.tokens[number % len(self.tokens)]
        mine: list[str] = []
        mine_at: list[tuple[str, float]] = []  # (item, when its create was acknowledged)
        step = 0
        while await self._paced():
            step += 1
            write_token = f"w{number}s{step}"
            if len(mine) < 3 or step % 4 == 0:
                data = await self._call(
                    "create",
                    CREATE,
                    {
                        "input": {
                            "title": f"{self.tag} {write_token}",
                            "description": f"{self.tag} {write_token}",
                            "price": 1000 + step,
                            "category": "디지털기기",
                            "region": "서울 마포구 망원동",
                        }
                    },
                    token,
                )
                item_id = data["createItem"]["id"] if data else None
                self.ledger.writes.append(Write("create", write_token, item_id, data is not None))
                if item_id is not None:
                    mine.append(item_id)
                    mine_at.append((item_id, time.monotonic()))
                    self.item_ids.append(item_id)
            elif step % 4 == 1 and (known := [i for i, acked in mine_at if time.monotonic() - acked > KNOWN_AFTER]):
                # Comments learns of new items from their events: a comment on an item a second old may be
                # refused with NOT_FOUND, as it would be for a user that fast.
                item_id = random.choice(known)
                data = await self._call("comment", COMMENT, {"itemId": item_id, "body": write_token}, token)
                self.ledger.writes.append(Write("comment", write_token, item_id, data is not None))
            else:
                item_id = random.choice(mine)
                title = f"{self.tag} {write_token}"
                data = await self._call("update", UPDATE, {"id": item_id, "input": {"title": title}}, token)
                self.ledger.writes.append(Write("update", write_token, item_id, data is not None))

    async def _reader(self, number: int) -> None:
        token = self.tokens[number % len(self.tokens)]
        step = 0
        while await self._paced():
            step += 1
            if step % 3 == 0 or not self.item_ids:
                await self._call("list", LIST, {}, token)
            else:
                await self._call("read", READ, {"id": random.choice(self.item_ids)}, token)

    async def _searcher(self) -> None:
        token = self.tokens[0]
        while await self._paced():
            await self._call("search", SEARCH, {"q": self.tag}, token)
