"""Serves one differential scenario's fixture subgraphs for the benchmark, replaying answers.

The first request with a given body is executed by the fixture subgraph; later identical bodies get
the recorded bytes, so subgraphs cost both routers the same (and little) time.
usage: python bench/router/subgraph_server.py SCENARIO  → prints "listening <port>"
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "router" / "differential"))

from fixture_subgraph import FixtureSubgraph
from scenario_loader import load_scenarios


def build_app(scenario_name: str) -> Starlette:
    scenario = next(s for s in load_scenarios() if s.name == scenario_name)
    routes = []
    for name, sdl in scenario.subgraphs.items():
        subgraph = FixtureSubgraph(sdl, scenario.data.get(name, {}), scenario.resolvers.get(name))
        recorded: dict[bytes, bytes] = {}

        async def handle(
            request: Request, subgraph: FixtureSubgraph = subgraph, recorded: dict[bytes, bytes] = recorded
        ) -> Response:
            body = await request.body()
            answer = recorded.get(body)
            if answer is None:
                answer = json.dumps(await subgraph.execute(json.loads(body))).encode()
                recorded[body] = answer
            return Response(answer, media_type="application/json")

        routes.append(Route(f"/{scenario.name}/{name}", handle, methods=["POST"]))
    return Starlette(routes=routes)


def main() -> None:
    sock = socket.socket()
    # Accepted connections inherit this; without it small responses wait for delayed ACKs (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    # Listening before saying so: requests that arrive before uvicorn runs wait in the backlog.
    sock.listen(2048)
    print(f"listening {sock.getsockname()[1]}", flush=True)
    server = uvicorn.Server(uvicorn.Config(build_app(sys.argv[1]), log_level="warning", access_log=False))
    server.run(sockets=[sock])


if __name__ == "__main__":
    main()
