"""Random federated scenarios: subgraph schemas and consistent data drawn from a seed, so the
differential runs also cover schema shapes nobody wrote by hand.

Each seed picks, among others: a single or composite `@key` (`id` or `id sku`) for `Product`;
whether a second subgraph also serves the shared root field `products` (`@shareable`); which
subgraph owns `price`; a keyless value type (`Dimensions`) whose fields are spread over two
subgraphs, one or two levels deep; and an `@interfaceObject` subgraph adding a field to the
`Account` interface. A scenario module calls `random_scenario(seed)`; the random operations of
`test_random_operations_vs_apollo_gateway.py` then run over it like over any other scenario.
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["random_scenario"]

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@shareable", "@interfaceObject"])\n'
)


def random_scenario(seed: int) -> tuple[dict[str, str], dict[str, dict[str, Any]], dict[str, str]]:
    """(SUBGRAPHS, DATA, OPERATIONS) for one seed."""
    rng = random.Random(seed)
    composite = rng.random() < 0.5
    key = "id sku" if composite else "id"
    shared_root = rng.random() < 0.6
    price_in = rng.choice(["catalog", "reviews"])
    nested_value = rng.random() < 0.5
    products = [
        {"id": f"p{i}", "sku": f"SKU-{rng.randint(100, 999)}", "name": rng.choice(["감자", "당근", "배추", "무"])}
        for i in range(rng.randint(2, 3))
    ]
    unit_fields = "unit: Unit @shareable" if nested_value else ""
    unit_type = {
        "catalog": "type Unit @shareable { name: String! }\n" if nested_value else "",
        "reviews": "type Unit @shareable { factor: Int! }\n" if nested_value else "",
    }
    price = "price: Int!"
    subgraphs = {
        "accounts": LINK
        + """
interface Account @key(fields: "id") { id: ID! name: String! }
type User implements Account @key(fields: "id") { id: ID! name: String! email: String! }
type Shop implements Account @key(fields: "id") { id: ID! name: String! url: String! }
type Query { accounts: [Account!]! }
""",
        "catalog": LINK
        + f"""
type Product @key(fields: "{key}") {{
  id: ID!
  sku: String!
  name: String!
  {price if price_in == "catalog" else ""}
  dimensions: Dimensions! @shareable
}}
type Dimensions @shareable {{ width: Int! {unit_fields} }}
{unit_type["catalog"]}type Query {{ products: [Product!]! @shareable }}
""",
        "reviews": LINK
        + f"""
type Product @key(fields: "{key}") {{
  id: ID!
  {"sku: String!" if composite else ""}
  score: Int!
  {price if price_in == "reviews" else ""}
  dimensions: Dimensions! @shareable
}}
type Dimensions @shareable {{ depth: Int! {unit_fields} }}
{unit_type["reviews"]}type Account @key(fields: "id") @interfaceObject {{ id: ID! trust: Int! }}
type Query {{ {"products: [Product!]! @shareable" if shared_root else "topTrusted: [Account!]!"} }}
""",
    }
    catalog_products, reviews_products = [], []
    for product in products:
        width, depth, factor = rng.randint(1, 90), rng.randint(1, 90), rng.randint(1, 9)
        catalog = {**product, "dimensions": {"width": width}}
        reviews = {"id": product["id"], "score": rng.randint(1, 5)}
        if composite:
            reviews["sku"] = product["sku"]
        reviews["dimensions"] = {"depth": depth}
        if nested_value:
            catalog["dimensions"]["unit"] = {"name": rng.choice(["cm", "mm"])}
            reviews["dimensions"]["unit"] = {"factor": factor}
        (catalog if price_in == "catalog" else reviews)["price"] = rng.randint(1, 99) * 100
        catalog_products.append(catalog)
        reviews_products.append(reviews)
    accounts = {
        "User": [{"id": "u1", "name": "당근이", "email": "u1@example.com"}],
        "Shop": [{"id": "s1", "name": "감자가게", "url": "https://example.com/s1"}],
    }
    trust = [{"id": "u1", "trust": rng.randint(1, 9)}, {"id": "s1", "trust": rng.randint(1, 9)}]
    data: dict[str, dict[str, Any]] = {
        "accounts": {**accounts, "Query": {"accounts": {"$all": "Account"}}},
        "catalog": {"Product": catalog_products, "Query": {"products": {"$all": "Product"}}},
        "reviews": {
            "Product": reviews_products,
            "Account": trust,
            "Query": {"products": {"$all": "Product"}} if shared_root else {"topTrusted": {"$all": "Account"}},
        },
    }
    unit = " unit { name factor }" if nested_value else ""
    operations = {
        "ProductsEverywhere": f"query ProductsEverywhere {{ products {{ id sku name score price dimensions {{ width depth{unit} }} }} }}",
        "ValueTypeOnly": f"query ValueTypeOnly {{ products {{ dimensions {{ depth{unit} }} }} }}",
        "AccountsWithTrust": "query AccountsWithTrust { accounts { name trust ... on User { email } } }",
    }
    if not shared_root:
        operations["InterfaceObjectRoot"] = "query InterfaceObjectRoot { topTrusted { trust ... on Shop { url } } }"
    return subgraphs, data, operations
