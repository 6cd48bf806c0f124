"""Every MUST, SHOULD and MAY of the GraphQL-over-HTTP spec, as the npm `graphql-http` audit checks them."""

from __future__ import annotations

import json

import pytest

from tests.router.server.node_tools import node_with, run_node


@pytest.mark.node
def test_graphql_http_server_audits_all_pass(router_url: str) -> None:
    node = node_with("graphql-http")
    completed = run_node([node, "graphql-http-audit.mjs", f"{router_url}/graphql"], timeout=60)
    assert completed.returncode == 0, completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    assert len(results) > 40
    not_ok = [r for r in results if r["status"] != "ok"]
    assert not_ok == []
