"""The rules composition runs, in order: subgraph rules on each subgraph, then supergraph rules."""

from __future__ import annotations

from .auth_on_interfaces import check_auth_on_interfaces
from .base import SubgraphRule, SupergraphRule
from .cost_directives import check_cost_directives
from .extension_with_no_base import check_extension_with_no_base
from .external_on_interface import check_external_on_interface
from .external_unused import check_external_unused
from .field_sharing import check_field_sharing
from .inaccessible import check_inaccessible
from .inaccessible_defaults import check_inaccessible_defaults
from .interface_directives import check_interface_directives
from .interface_field_no_implem import check_interface_field_implementations
from .interface_key_on_implementations import check_interface_key_on_implementations
from .interface_object_key import check_interface_object_key
from .key_fields import check_key_fields
from .known_types import check_known_types
from .no_queries import check_has_queries
from .override_from_self import check_override_from_self
from .provides_fields import check_provides_fields
from .requires_arguments import check_requires_arguments
from .requires_fields import check_requires_fields
from .satisfiability import check_satisfiability
from .shared_runtime_types import check_shared_runtime_types
from .transitive_auth import check_transitive_auth

__all__ = ["POST_MERGE_RULES", "SUBGRAPH_RULES", "SUPERGRAPH_RULES"]

SUBGRAPH_RULES: tuple[SubgraphRule, ...] = (
    check_known_types,
    check_key_fields,
    check_requires_fields,
    check_provides_fields,
    check_external_on_interface,
    check_interface_directives,
    check_interface_key_on_implementations,
    check_external_unused,
    check_interface_object_key,
    check_override_from_self,
    check_auth_on_interfaces,
    check_cost_directives,
)

# Run on every merge, alongside the merge's own errors (as Apollo reports them together).
SUPERGRAPH_RULES: tuple[SupergraphRule, ...] = (
    check_has_queries,
    check_extension_with_no_base,
    check_field_sharing,
)

# Run only on a merge without errors: they read the merged schema as a whole.
POST_MERGE_RULES: tuple[SupergraphRule, ...] = (
    check_interface_field_implementations,
    check_inaccessible,
    check_inaccessible_defaults,
    check_requires_arguments,
    check_transitive_auth,
    check_satisfiability,
    check_shared_runtime_types,
)
