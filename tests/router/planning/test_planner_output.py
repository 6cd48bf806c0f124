"""What the executor receives: subgraph operations, variables, requires, rewrites, JSON for the header."""

from __future__ import annotations

import pytest
from graphql import parse
from planner_harness import ROOT, plan, planner

from router.planning import PlanningError, QueryPlanner, plan_to_json, print_plan
from router.planning.plan_nodes import (
    BatchFetchNode,
    ConditionNode,
    FetchNode,
    FlattenNode,
    KeyRenamer,
    ParallelNode,
    QueryPlan,
    SequenceNode,
)
from router.supergraph import Supergraph


def fetches(query_plan: QueryPlan) -> list[tuple[tuple[str, ...] | None, FetchNode]]:
    """(Flatten path or None, fetch) in plan order."""
    found: list[tuple[tuple[str, ...] | None, FetchNode]] = []

    def walk(node: object, path: tuple[str, ...] | None) -> None:
        if isinstance(node, FetchNode):
            found.append((path, node))
        elif isinstance(node, FlattenNode):
            walk(node.node, node.path)
        elif isinstance(node, SequenceNode | ParallelNode):
            for child in node.nodes:
                walk(child, None)
        elif isinstance(node, ConditionNode):
            walk(node.if_clause, None)
            walk(node.else_clause, None)

    walk(query_plan.node, None)
    return found


def test_root_and_entity_operations_declare_only_the_variables_they_use() -> None:
    query_plan = plan(
        "override",
        """
        query Billing($id: ID!, $limit: Int = 5, $filter: InvoiceFilter, $hide: Boolean!) {
          account(id: $id) { name invoices(limit: $limit, filter: $filter) @skip(if: $hide) { total } }
        }
        """,
        "Billing",
    )
    (root_path, root), (entity_path, entity) = fetches(query_plan)
    assert root_path is None and root.requires is None
    assert root.operation == "query Billing__legacy__0($id:ID!){account(id:$id){__typename name id}}"
    assert root.variable_usages == ("id",) and root.operation_kind == "query"
    assert root.operation_name == "Billing__legacy__0"
    assert entity_path == ("account",)
    assert entity.operation == (
        "query Billing__billing__1($representations:[_Any!]!$limit:Int=5$filter:InvoiceFilter$hide:Boolean!)"
        "{_entities(representations:$representations){...on Account{"
        "invoices(limit:$limit filter:$filter)@skip(if:$hide){total}}}}"
    )
    assert entity.variable_usages == ("limit", "filter", "hide")
    assert entity.requires is not None
    assert print_plan(QueryPlan(node=entity)).count("__typename") == 1
    assert isinstance(query_plan.node, SequenceNode)
    condition = query_plan.node.nodes[1]
    assert isinstance(condition, ConditionNode), "the entity fetch is only needed when $hide is false"
    assert (condition.condition, condition.if_clause, condition.else_clause) == (
        "hide",
        None,
        FlattenNode(path=("account",), node=entity),
    )


def test_mutation_fetches_are_mutations_and_their_entity_fetches_queries() -> None:
    query_plan = plan("marketplace", 'mutation { likeItem(id: "1") { commentCount } }')
    kinds = [(path, fetch.operation_kind) for path, fetch in fetches(query_plan)]
    assert kinds == [(None, "mutation"), (("likeItem",), "query")]
    assert fetches(query_plan)[0][1].operation_name is None


def test_interface_object_fetch_rewrites_the_representation_typename() -> None:
    (_, _), (path, fetch) = fetches(plan("abstract", '{ node(id: "1") { rating } }'))
    assert path == ("node",) and fetch.service_name == "ratings"
    assert {(r.type_condition, r.set_to) for r in fetch.input_rewrites} == {("Book", "Node"), ("Movie", "Node")}
    assert "...on Node{rating}" in fetch.operation


def test_only_router_fields_need_no_fetch() -> None:
    query_plan = plan("marketplace", "{ __typename }")
    assert query_plan.node is None
    assert print_plan(query_plan) == "QueryPlan {\n}"
    assert plan_to_json(query_plan) == {"kind": "QueryPlan", "node": None}


def test_plan_as_json() -> None:
    query_plan = plan("marketplace", '{ item(id: "1") { seller { nickname } } }')
    as_json = plan_to_json(query_plan)
    assert as_json["node"]["kind"] == "Sequence"
    root, flatten = as_json["node"]["nodes"]
    assert root == {
        "kind": "Fetch",
        "serviceName": "items",
        "operationKind": "query",
        "operation": '{item(id:"1"){seller{__typename id}}}',
        "operationName": None,
        "variableUsages": [],
        "requires": None,
        "inputRewrites": [],
        "outputRewrites": [],
    }
    assert flatten["kind"] == "Flatten" and flatten["path"] == ["item", "seller"]
    assert flatten["node"]["requires"] == "{\n  ... on User {\n    __typename\n    id\n  }\n}"


def test_operation_selection_errors() -> None:
    document = parse("query A { me { id } } query B { me { nickname } }")
    with pytest.raises(PlanningError, match="operation name is required"):
        planner("marketplace").plan(document, None)
    with pytest.raises(PlanningError, match='unknown operation named "C"'):
        planner("marketplace").plan(document, "C")
    assert fetches(planner("marketplace").plan(document, "B"))[0][1].operation == "query B__users__0{me{nickname}}"


def test_fragment_bombs_are_refused() -> None:
    fragments = "".join(f"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}\n" for i in range(20))
    document = parse("{ me { ...F0 } }\n" + fragments + "fragment F20 on User { nickname }")
    with pytest.raises(PlanningError, match="more than 20000 selections"):
        planner("marketplace").plan(document, None)


def test_requires_with_two_argument_sets_are_two_entity_fetches_sent_as_one_batch() -> None:
    query_plan = plan(
        "requires",
        "query Ship($c: String) { topProducts { shippingEstimate usdShipping price(currency: $c) } }",
        "Ship",
    )
    assert isinstance(query_plan.node, SequenceNode)
    root, batch = query_plan.node.nodes
    assert isinstance(root, FetchNode) and isinstance(batch, BatchFetchNode)
    # The default-currency price the first @requires needs must not share the key `price` with the client's.
    assert root.operation == (
        "query Ship__products__0($c:String){topProducts{__typename _gq0_price:price weight upc "
        '_gq1_price:price(currency:"USD")price(currency:$c)}}'
    )
    assert batch.operation == (
        "query Ship__shipping__1($__batch_reps_0:[_Any!]!$__batch_reps_1:[_Any!]!)"
        "{_e0:_entities(representations:$__batch_reps_0){...on Product{shippingEstimate}}"
        "_e1:_entities(representations:$__batch_reps_1){...on Product{usdShipping}}}"
    )
    sent = [print_plan(QueryPlan(node=e)) for e in batch.entities]
    assert "_gq0_price" in sent[0] and "_gq1_price" not in sent[0]
    assert "_gq1_price" in sent[1] and "_gq0_price" not in sent[1]
    json_batch = plan_to_json(query_plan)["node"]["nodes"][1]
    assert json_batch["kind"] == "BatchFetch" and json_batch["serviceName"] == "shipping"
    assert [e["path"] for e in json_batch["entities"]] == [["topProducts", "@"], ["topProducts", "@"]]


def test_same_key_fields_of_other_types_in_the_subgraph_are_aliased_and_renamed_back() -> None:
    sdl = (ROOT / "tests/router/differential/supergraphs/s44_subgraph_query_validity.graphql").read_text()
    query_plan = QueryPlanner(Supergraph.from_sdl(sdl)).plan(
        parse("{ shelf { items { ... on Book { id } ... on Movie { id } } } }")
    )
    [(_, fetch)] = fetches(query_plan)
    # Book.id is ID! in media, Movie.id is ID: one response key would be invalid there.
    assert fetch.operation == "{shelf{items{__typename ...on Book{id}...on Movie{_gqs0_id:id}}}}"
    assert fetch.output_rewrites == (
        KeyRenamer(path=("shelf", "items"), type_condition="Movie", from_key="_gqs0_id", to_key="id"),
    )
    assert plan_to_json(query_plan)["node"]["outputRewrites"] == [
        {"kind": "KeyRenamer", "path": ["shelf", "items", "... on Movie", "_gqs0_id"], "renameKeyTo": "id"}
    ]
