"""Read the `@link` directives of a supergraph: which core features it uses and under which names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import DocumentNode, SchemaDefinitionNode, StringValueNode

__all__ = ["Feature", "read_features", "string_argument"]

_SPEC_URL = re.compile(r"^https://specs\.apollo\.dev/(?P<name>[a-z_]+)/v(?P<version>\d+\.\d+)$")
SUPPORTED = {"link": ("1.0",), "join": ("0.2", "0.3", "0.4", "0.5")}


@dataclass(frozen=True)
class Feature:
    """An Apollo spec linked into the supergraph; its directives are `@prefix` and `@prefix__name`."""

    name: str
    version: str
    prefix: str

    def owns_directive(self, directive: str) -> bool:
        return directive == self.prefix or directive.startswith(self.prefix + "__")

    def owns_type(self, type_name: str) -> bool:
        return type_name.startswith(self.prefix + "__")


def string_argument(directive: object, name: str) -> str | None:
    for argument in getattr(directive, "arguments", ()) or ():
        if argument.name.value == name and isinstance(argument.value, StringValueNode):
            return argument.value.value
    return None


def read_features(document: DocumentNode) -> dict[str, Feature]:
    """Spec name -> feature, for every `@link` on the schema definition of Apollo specs."""
    features: dict[str, Feature] = {}
    for definition in document.definitions:
        if not isinstance(definition, SchemaDefinitionNode):
            continue
        for directive in definition.directives or ():
            url = string_argument(directive, "url")
            match = _SPEC_URL.match(url or "")
            if not match:
                continue
            name, version = match["name"], match["version"]
            features[name] = Feature(name, version, string_argument(directive, "as") or name)
    for name, versions in SUPPORTED.items():
        if name not in features:
            raise ValueError(f"not a Federation v2 supergraph: no @link to the {name} spec")
        if features[name].version not in versions:
            raise ValueError(
                f"unsupported {name} spec version v{features[name].version}; supported: "
                + ", ".join("v" + v for v in versions)
            )
    return features
