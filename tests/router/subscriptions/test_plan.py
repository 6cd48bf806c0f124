"""A subscription's plan: the root field from its subgraph, the other subgraphs' fields as entity fetches."""

from __future__ import annotations

from typing import Any

from graphql import parse

from router.composition import SubgraphSource, compose
from router.planning import QueryPlanner, print_plan
from router.planning.plan_nodes import FlattenNode, SubscriptionNode
from router.supergraph import Supergraph
from subgraphs.chat.graphql.schema import build_chat_schema
from subgraphs.users.graphql.schema import build_users_schema


def _sdl(build: Any) -> str:
    return str(build().execute_sync("{ _service { sdl } }").data["_service"]["sdl"])


def test_the_plan_printer_shows_a_subscription_node_with_its_entity_fetches() -> None:
    composed = compose(
        [
            SubgraphSource("users", "http://users/graphql", _sdl(build_users_schema)),
            SubgraphSource("chat", "http://chat/graphql", _sdl(build_chat_schema)),
        ]
    )
    assert composed.errors == []
    planner = QueryPlanner(Supergraph.from_sdl(composed.supergraph_sdl))
    plan = planner.plan(parse("subscription { chatMessageSent { body sender { nickname } } }"))
    assert isinstance(plan.node, SubscriptionNode)
    assert plan.node.primary.operation_kind == "subscription" and plan.node.primary.service_name == "chat"
    assert isinstance(plan.node.rest, FlattenNode) and plan.node.rest.node.service_name == "users"
    assert print_plan(plan) == (
        "QueryPlan {\n"
        "  Subscription {\n"
        "    Primary: {\n"
        '      Fetch(service: "chat") {\n'
        "        {\n"
        "          chatMessageSent {\n"
        "            body\n"
        "            sender {\n"
        "              __typename\n"
        "              id\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "      }\n"
        "    },\n"
        "    Rest: {\n"
        '      Flatten(path: "chatMessageSent.sender") {\n'
        '        Fetch(service: "users") {\n'
        "          {\n"
        "            ... on User {\n"
        "              __typename\n"
        "              id\n"
        "            }\n"
        "          } =>\n"
        "          {\n"
        "            ... on User {\n"
        "              nickname\n"
        "            }\n"
        "          }\n"
        "        },\n"
        "      }\n"
        "    },\n"
        "  },\n"
        "}"
    )
