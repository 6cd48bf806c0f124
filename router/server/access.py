"""Who may see what: the viewer's verified access (signed in, scopes) and what the supergraph's
`@authenticated` and `@requiresScopes` require of each type and field."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import jwt
from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    StringValueNode,
)

from router.supergraph.links import Feature, read_features

if TYPE_CHECKING:  # the kit's token service is wired in by the router's entry points
    from gamja.auth.tokens import TokenService

__all__ = ["ANONYMOUS", "Access", "AccessRules", "Identify", "Requirement", "token_access"]


@dataclass(frozen=True, slots=True)
class Access:
    """What a request's verified token grants; `refused` says why a token that was sent did not count."""

    authenticated: bool = False
    scopes: frozenset[str] = frozenset()
    refused: str | None = None


ANONYMOUS = Access()
Identify = Callable[[str | None], Access]
"""The `Authorization` header (or None) → the viewer's access; never raises."""


@dataclass(frozen=True, slots=True)
class Requirement:
    authenticated: bool = False
    # Any one of these sets of scopes, held in full, is enough (None: no scopes required).
    scopes: tuple[frozenset[str], ...] | None = None

    def met_by(self, access: Access) -> bool:
        if self.authenticated and not access.authenticated:
            return False
        return self.scopes is None or any(alternative <= access.scopes for alternative in self.scopes)

    def describe(self) -> str:
        parts = []
        if self.authenticated:
            parts.append("a signed-in viewer")
        if self.scopes is not None:
            alternatives = " or ".join(" and ".join(f"`{s}`" for s in sorted(a)) or "no scope" for a in self.scopes)
            parts.append(f"the scopes {alternatives}")
        return " with ".join(parts)


@dataclass(frozen=True, slots=True)
class AccessRules:
    """Requirements by type name and by (type, field), read from the supergraph."""

    types: dict[str, Requirement] = field(default_factory=dict)
    fields: dict[tuple[str, str], Requirement] = field(default_factory=dict)
    # Every scope some requirement names: only these of a viewer's scopes can change what it sees.
    scopes: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.types and not self.fields

    def relevant(self, access: Access) -> Access:
        """The part of `access` that decides what the viewer sees (the key of the per-viewer caches)."""
        return Access(access.authenticated, access.scopes & self.scopes, access.refused)

    @classmethod
    def read(cls, supergraph: DocumentNode) -> AccessRules:
        features = read_features(supergraph)
        authenticated = _name(features, "authenticated")
        requires_scopes = _name(features, "requiresScopes")
        if authenticated is None and requires_scopes is None:
            return cls()
        types: dict[str, Requirement] = {}
        fields: dict[tuple[str, str], Requirement] = {}
        for definition in supergraph.definitions:
            if isinstance(
                definition,
                ObjectTypeDefinitionNode
                | InterfaceTypeDefinitionNode
                | ScalarTypeDefinitionNode
                | EnumTypeDefinitionNode,
            ):
                requirement = _requirement(definition.directives or (), authenticated, requires_scopes)
                if requirement is not None:
                    types[definition.name.value] = requirement
            if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
                for f in definition.fields or ():
                    requirement = _requirement(f.directives or (), authenticated, requires_scopes)
                    if requirement is not None:
                        fields[(definition.name.value, f.name.value)] = requirement
        named = frozenset(
            scope
            for requirement in (*types.values(), *fields.values())
            for alternative in requirement.scopes or ()
            for scope in alternative
        )
        return cls(types, fields, named)


def _name(features: Mapping[str, Feature], spec: str) -> str | None:
    feature = features.get(spec)
    return feature.prefix if feature is not None else None


def _requirement(
    directives: tuple[ConstDirectiveNode, ...] | list[ConstDirectiveNode],
    authenticated: str | None,
    requires_scopes: str | None,
) -> Requirement | None:
    needs_sign_in = False
    scopes: tuple[frozenset[str], ...] | None = None
    for directive in directives:
        name = directive.name.value
        if name == authenticated:
            needs_sign_in = True
        elif name == requires_scopes:
            value = next((a.value for a in directive.arguments or () if a.name.value == "scopes"), None)
            if isinstance(value, ListValueNode):
                scopes = tuple(
                    frozenset(s.value for s in alternative.values if isinstance(s, StringValueNode))
                    for alternative in value.values
                    if isinstance(alternative, ListValueNode)
                )
    if not needs_sign_in and scopes is None:
        return None
    return Requirement(needs_sign_in, scopes)


# Verified tokens remembered by their text: verifying a JWT (HS256, claims) costs ~70 µs, about a tenth
# of a cached request's CPU. Each is kept until its `exp` and for at most this long, bounded in number; a
# revocation (the kit's in-memory feed of users.events) is checked again on every use.
_VERIFIED_SECONDS = 60.0
_VERIFIED_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class _Verified:
    access: Access
    until: float
    user_id: str
    generation: int


def token_access(tokens: TokenService, *, clock: Callable[[], float] = time.time) -> Identify:
    """Access from the kit's signed JWT: signed in when it verifies, its `roles` claim as the scopes.
    A bad, expired or revoked token counts as no token here (the fields it cannot see say why); the
    subgraphs still verify it themselves."""
    from gamja.errors import Unauthenticated

    verified: OrderedDict[str, _Verified] = OrderedDict()

    def identify(authorization: str | None) -> Access:
        if not authorization:
            return ANONYMOUS
        now = clock()
        known = verified.get(authorization)
        if known is not None:
            if now < known.until and not tokens.revocations.is_revoked(known.user_id, known.generation):
                return known.access
            del verified[authorization]  # verified again below, which says why it no longer counts
        try:
            viewer = tokens.viewer_from_authorization(authorization)
        except Unauthenticated as exc:
            return Access(refused=exc.message)
        if viewer is None:
            return ANONYMOUS
        access = Access(authenticated=True, scopes=frozenset(viewer.roles))
        # Signature, issuer, expiry and revocation were just checked: only the numbers are read here.
        claims = jwt.decode(authorization.partition(" ")[2].strip(), options={"verify_signature": False})
        expiry, generation = claims.get("exp"), claims.get("gen", 0)
        until = min(now + _VERIFIED_SECONDS, float(expiry) if isinstance(expiry, int | float) else now)
        verified[authorization] = _Verified(
            access, until, viewer.user_id, generation if isinstance(generation, int) else 0
        )
        while len(verified) > _VERIFIED_ENTRIES:
            verified.popitem(last=False)
        return access

    return identify
