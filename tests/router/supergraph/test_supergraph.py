"""Reading a Federation v2 supergraph: subgraphs, join metadata and the client-facing API schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, print_ast, print_schema

from router.supergraph import Supergraph

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "supergraphs"


def load(name: str) -> Supergraph:
    return Supergraph.from_sdl((FIXTURES / f"{name}.graphql").read_text())


def test_subgraphs_and_their_urls() -> None:
    supergraph = load("marketplace")
    assert supergraph.subgraph_names == ("comments", "items", "search", "users")
    assert supergraph.subgraph_url("users") == "http://users"


def test_api_schema_hides_join_link_and_inaccessible_elements() -> None:
    api = load("override").api_schema
    printed = print_schema(api)
    assert "join__" not in printed and "link__" not in printed and "@" not in printed
    assert api.get_type("Secret") is None
    query = api.query_type
    assert query is not None and "secretThing" not in query.fields
    account = api.get_type("Account")
    assert isinstance(account, GraphQLObjectType)
    assert list(account.fields) == ["id", "balance", "invoices", "credit", "name", "plan"]
    status = api.get_type("Status")
    assert isinstance(status, GraphQLEnumType) and list(status.values) == ["UP", "DOWN"]
    invoice_filter = api.get_type("InvoiceFilter")
    assert isinstance(invoice_filter, GraphQLInputObjectType)
    assert list(invoice_filter.fields) == ["minTotal", "paid"]
    assert not any(d.name in ("inaccessible", "tag", "link") or "__" in d.name for d in api.directives)


def test_api_schema_keeps_interfaces_unions_and_implementations() -> None:
    api = load("abstract").api_schema
    printed = print_schema(api)
    assert "type Book implements Media & Node" in printed
    assert "union SearchResult = Book | Movie" in printed
    assert "interface Node {\n  id: ID!\n  label: String!\n  rating: Int!\n}" in printed


def test_keys_including_composite_and_non_resolvable() -> None:
    types = load("keys").types
    product = types["Product"]
    assert [k.fields for k in product.graphs["catalog"].keys] == ["id", "sku"]
    assert [(k.fields, k.resolvable) for k in product.graphs["reviews"].keys] == [("id", False)]
    assert product.resolvable_keys("reviews") == []
    member_key = types["Member"].graphs["directory"].keys[0]
    assert print_ast(member_key.selection) == "{\n  id\n  org {\n    id\n  }\n}"


def test_field_ownership_requires_provides_external_override() -> None:
    requires = load("requires").types["Product"]
    estimate = requires.field_in("shippingEstimate", "shipping")
    assert estimate is not None and estimate.requires is not None
    assert print_ast(estimate.requires) == "{\n  price\n  weight\n}"
    weight = requires.field_in("weight", "shipping")
    assert weight is not None and weight.external and not weight.resolvable
    review = load("provides").types["Review"].field_in("author", "reviews")
    assert review is not None and review.provides is not None
    account = load("override").types["Account"]
    balance = account.field_in("balance", "billing")
    assert balance is not None and balance.override_from == "legacy"
    assert account.field_in("balance", "legacy") is None
    assert account.field_in("name", "legacy") is not None


def test_interface_objects_implementations_and_union_members() -> None:
    types = load("abstract").types
    assert types["Node"].graphs["ratings"].is_interface_object
    assert not types["Node"].graphs["media"].is_interface_object
    assert types["Book"].implements["media"] == {"Media", "Node"}
    assert types["SearchResult"].union_members["media"] == {"Book", "Movie"}
    # Implementations get the interface object's field with a bare @join__field: no direct owner.
    assert types["Book"].fields["rating"] == []


@pytest.mark.parametrize("version", ["0.2", "0.3", "0.4", "0.5"])
def test_accepts_join_versions(version: str) -> None:
    sdl = (FIXTURES / "shareable.graphql").read_text().replace("join/v0.3", f"join/v{version}")
    assert Supergraph.from_sdl(sdl).subgraph_names == ("catalog", "store")


@pytest.mark.parametrize("version", ["0.1", "0.6"])
def test_rejects_unsupported_join_versions(version: str) -> None:
    sdl = (FIXTURES / "shareable.graphql").read_text().replace("join/v0.3", f"join/v{version}")
    with pytest.raises(ValueError, match=f"unsupported join spec version v{version}"):
        Supergraph.from_sdl(sdl)


def test_rejects_a_plain_schema() -> None:
    with pytest.raises(ValueError, match="not a Federation v2 supergraph"):
        Supergraph.from_sdl("type Query { hello: String }")


def test_join_v02_supergraph_without_implements_and_union_members() -> None:
    sdl = (FIXTURES / "abstract.graphql").read_text().replace("join/v0.3", "join/v0.2")
    sdl = re.sub(r'\s*@join__(implements|unionMember)\(graph: \w+, (interface|member): "\w+"\)', "", sdl)
    assert re.search(r"@join__(implements|unionMember)\(graph: [A-Z]", sdl) is None
    types = Supergraph.from_sdl(sdl).types
    assert types["SearchResult"].union_members == {"media": {"Book", "Movie"}}
    assert types["Podcast"].implements == {"podcasts": {"Media"}}
    assert types["Book"].implements["extras"] == {"Media", "Node"}


def test_api_schema_drops_linked_and_type_system_directives_keeps_executable_ones() -> None:
    api = load("features").api_schema
    assert {d.name for d in api.directives} - {"include", "skip", "deprecated", "specifiedBy", "oneOf"} == {"trace"}


def test_rejects_security_features_it_cannot_enforce() -> None:
    sdl = (FIXTURES / "features.graphql").read_text()
    sdl = sdl.replace(
        '@link(url: "https://specs.apollo.dev/cost/v0.1"',
        '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)\n  '
        '@link(url: "https://specs.apollo.dev/cost/v0.1"',
    )
    with pytest.raises(ValueError, match=re.escape("policy/v0.1 for SECURITY, which this router does not")):
        Supergraph.from_sdl(sdl)


def test_rejects_fields_with_context_arguments() -> None:
    sdl = (FIXTURES / "features.graphql").read_text()
    sdl = sdl.replace(
        "  title: String\n",
        '  title: String @join__field(graph: ACCOUNTS, contextArguments: [{context: "c", name: "locale", '
        'type: "String", selection: " { locale }"}])\n',
    )
    with pytest.raises(ValueError, match=re.escape('"Item.title" takes @fromContext arguments')):
        Supergraph.from_sdl(sdl)
