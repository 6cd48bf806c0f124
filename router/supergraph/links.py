"""Read the `@link` directives of a supergraph: which core features it uses and under which names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import DocumentNode, EnumValueNode, ListValueNode, ObjectValueNode, SchemaDefinitionNode, StringValueNode

__all__ = ["Feature", "read_features", "string_argument"]

_SPEC_URL = re.compile(r"^https://specs\.apollo\.dev/(?P<name>[A-Za-z_]+)/v(?P<version>\d+\.\d+)$")
SUPPORTED = {"link": ("1.0",), "join": ("0.2", "0.3", "0.4", "0.5")}
# Features a router must understand when linked `for: SECURITY` or `for: EXECUTION`.
# (authenticated and requiresScopes: enforced by the server's authorization stage.)
UNDERSTOOD = {"link", "join", "inaccessible", "tag", "authenticated", "requiresScopes"}


@dataclass(frozen=True)
class Feature:
    """An Apollo spec linked into the supergraph; its directives are `@prefix` and `@prefix__name`."""

    name: str
    version: str
    prefix: str
    imported: frozenset[str] = frozenset()  # directives imported under a name of their own

    def owns_directive(self, directive: str) -> bool:
        return directive == self.prefix or directive.startswith(self.prefix + "__") or directive in self.imported

    def owns_type(self, type_name: str) -> bool:
        return type_name.startswith(self.prefix + "__")


def string_argument(directive: object, name: str) -> str | None:
    for argument in getattr(directive, "arguments", ()) or ():
        if argument.name.value == name and isinstance(argument.value, StringValueNode):
            return argument.value.value
    return None


def _imports(directive: object) -> frozenset[str]:
    names = set()
    for argument in getattr(directive, "arguments", ()) or ():
        if argument.name.value != "import" or not isinstance(argument.value, ListValueNode):
            continue
        for item in argument.value.values:
            if isinstance(item, StringValueNode):
                names.add(item.value)
            elif isinstance(item, ObjectValueNode):
                fields = {f.name.value: f.value for f in item.fields}
                chosen = fields.get("as") or fields.get("name")
                if isinstance(chosen, StringValueNode):
                    names.add(chosen.value)
    return frozenset(name.removeprefix("@") for name in names if name.startswith("@"))


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
            purpose = next((a.value for a in directive.arguments or () if a.name.value == "for"), None)
            if isinstance(purpose, EnumValueNode) and name not in UNDERSTOOD:
                raise ValueError(f"the supergraph links {url} for {purpose.value}, which this router does not support")
            features[name] = Feature(name, version, string_argument(directive, "as") or name, _imports(directive))
    for name, versions in SUPPORTED.items():
        if name not in features:
            raise ValueError(f"not a Federation v2 supergraph: no @link to the {name} spec")
        if features[name].version not in versions:
            raise ValueError(
                f"unsupported {name} spec version v{features[name].version}; supported: "
                + ", ".join("v" + v for v in versions)
            )
    return features
