"""The benchmark's four subgraphs on one port, answering from a table of recorded responses.

POST /accounts, /inventory, /products, /reviews. The first request with a given (path, body) is
executed by a GraphQL executor over the subgraph's data (tests/router/differential's
FixtureSubgraph); the bytes of the answer, HTTP head included, are recorded and every later
identical request is one dictionary lookup and one write. HTTP/1.1 is parsed by httptools on
uvloop's event loop (a bare asyncio.Protocol: no framework), so one core serves far more subgraph
requests than any gateway can send (`run.py` measures it).

GET /stats: requests served per path so far; GET /recorded: the recorded (path, body) pairs.
usage: python bench/gateways/subgraph_server.py [PORT]   → prints "listening <port>"
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from collections import Counter
from pathlib import Path
from typing import Any, cast

import httptools
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "router" / "differential"))

from data import SUBGRAPHS, fixture_data, sdl
from fixture_subgraph import FixtureSubgraph


def _http(body: bytes, status: bytes = b"200 OK") -> bytes:
    return (
        b"HTTP/1.1 "
        + status
        + b"\r\ncontent-type: application/json\r\ncontent-length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )


class Subgraphs:
    def __init__(self) -> None:
        self.executors = {
            f"/{name}".encode(): FixtureSubgraph(sdl(name), data, resolvers)
            for name, (data, resolvers) in fixture_data().items()
        }
        assert set(self.executors) == {f"/{name}".encode() for name in SUBGRAPHS}
        self.recorded: dict[tuple[bytes, bytes], bytes] = {}
        self.served: Counter[str] = Counter()

    def lookup(self, method: bytes, path: bytes, body: bytes) -> bytes | None:
        """The answer if it needs no execution (recorded, stats, unknown path), else None."""
        if method == b"GET":
            if path == b"/stats":
                return _http(json.dumps(self.served).encode())
            if path == b"/recorded":
                pairs = [{"path": p.decode(), "body": b.decode()} for p, b in self.recorded]
                return _http(json.dumps(pairs).encode())
            return _http(b'{"status":"ok"}')
        if path not in self.executors:
            return _http(b'{"errors":[{"message":"no such subgraph"}]}', b"404 Not Found")
        self.served[path.decode()] += 1
        return self.recorded.get((path, body))

    async def execute(self, path: bytes, body: bytes) -> bytes:
        try:
            request: Any = json.loads(body)
        except ValueError:
            return _http(b'{"errors":[{"message":"body is not JSON"}]}', b"400 Bad Request")
        answer = _http(json.dumps(await self.executors[path].execute(request), separators=(",", ":")).encode())
        self.recorded[(path, body)] = answer
        return answer


class _Connection(asyncio.Protocol):
    """One client connection; answers go out in request order even when one needs executing."""

    def __init__(self, subgraphs: Subgraphs) -> None:
        self.subgraphs = subgraphs
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.url = b""
        self.body: list[bytes] = []
        # Answers not yet written: bytes, or a task still executing (everything after it waits).
        self.outgoing: list[bytes | asyncio.Task[bytes]] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass, but quacks alike
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            assert self.transport is not None
            self.transport.close()

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        path, body = self.url.split(b"?", 1)[0], b"".join(self.body)
        self.url, self.body = b"", []
        answer = self.subgraphs.lookup(self.parser.get_method(), path, body)
        if answer is not None and not self.outgoing:
            assert self.transport is not None
            self.transport.write(answer)
            return
        if answer is None:
            task = asyncio.get_running_loop().create_task(self.subgraphs.execute(path, body))
            task.add_done_callback(lambda _: self.flush())
            self.outgoing.append(task)
        else:
            self.outgoing.append(answer)

    def flush(self) -> None:
        assert self.transport is not None
        while self.outgoing:
            head = self.outgoing[0]
            if isinstance(head, asyncio.Task):
                if not head.done():
                    return
                head = head.result()
            self.outgoing.pop(0)
            if not self.transport.is_closing():
                self.transport.write(head)


async def serve(port: int) -> None:
    subgraphs = Subgraphs()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(subgraphs), "127.0.0.1", port, backlog=4096)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


def main() -> None:
    uvloop.run(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))


if __name__ == "__main__":
    main()
