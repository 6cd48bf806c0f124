"""Every scenario's client-facing schema, as introspection shows it, is the one Apollo Gateway shows.

The introspection types themselves (`__Schema`, `__Type`, ...) and the built-in directives are left
out: graphql-core 3.3 and graphql-js 16 describe those slightly differently.
"""

from __future__ import annotations

from typing import Any

import pytest
from comparison import Routers, ordered
from scenario_loader import Scenario, load_scenarios

pytestmark = [pytest.mark.node, pytest.mark.asyncio(loop_scope="module")]

TYPE_REF = "name kind ofType { name kind ofType { name kind ofType { name kind } } }"
SCHEMA_QUERY = f"""
query ApiSchema {{
  __schema {{
    description
    queryType {{ name }} mutationType {{ name }} subscriptionType {{ name }}
    types {{
      name kind description specifiedByURL
      fields(includeDeprecated: true) {{
        name description isDeprecated deprecationReason
        args(includeDeprecated: true) {{ name description defaultValue isDeprecated type {{ {TYPE_REF} }} }}
        type {{ {TYPE_REF} }}
      }}
      inputFields(includeDeprecated: true) {{ name description defaultValue isDeprecated type {{ {TYPE_REF} }} }}
      enumValues(includeDeprecated: true) {{ name description isDeprecated deprecationReason }}
      interfaces {{ name }}
      possibleTypes {{ name }}
    }}
  }}
}}
"""


def client_facing(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "types": [t for t in schema["types"] if not t["name"].startswith("__")]}


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s.name) for s in load_scenarios()])
async def test_introspected_api_schema_is_apollos(scenario: Scenario, routers: Routers) -> None:
    ours = await routers.ours(scenario, {"query": SCHEMA_QUERY})
    theirs = await routers.theirs(scenario, {"query": SCHEMA_QUERY})
    assert "errors" not in ours and "errors" not in theirs, (ours.get("errors"), theirs.get("errors"))
    assert ordered(client_facing(ours["data"]["__schema"])) == ordered(client_facing(theirs["data"]["__schema"]))
