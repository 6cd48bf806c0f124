"""GraphQL type references (`[Int!]!`) as small immutable values, with the subtyping used by merging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graphql import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode

__all__ = ["TypeRef", "is_strict_subtype"]


@dataclass(frozen=True)
class TypeRef:
    """A named type, a list of a type, or a non-null type."""

    name: str | None = None
    list_of: TypeRef | None = None
    non_null_of: TypeRef | None = None

    @classmethod
    def from_ast(cls, node: TypeNode) -> TypeRef:
        if isinstance(node, NonNullTypeNode):
            return cls(non_null_of=cls.from_ast(node.type))
        if isinstance(node, ListTypeNode):
            return cls(list_of=cls.from_ast(node.type))
        assert isinstance(node, NamedTypeNode)
        return cls(name=node.name.value)

    @property
    def base(self) -> str:
        if self.name is not None:
            return self.name
        inner = self.list_of or self.non_null_of
        assert inner is not None
        return inner.base

    @property
    def is_non_null(self) -> bool:
        return self.non_null_of is not None

    @property
    def is_list(self) -> bool:
        """True when a list appears anywhere in the type (`[T]`, `[T]!`)."""
        inner = self.non_null_of or self
        return inner.list_of is not None

    def __str__(self) -> str:
        if self.non_null_of is not None:
            return f"{self.non_null_of}!"
        if self.list_of is not None:
            return f"[{self.list_of}]"
        return str(self.name)


def is_strict_subtype(
    supertype: TypeRef, maybe_subtype: TypeRef, is_direct_subtype: Callable[[str, str], bool]
) -> bool:
    """Apollo's default subtyping rules: a member/implementer, a non-null of the same or a
    subtype, a list of a subtype; never a list for a non-list."""
    if maybe_subtype.non_null_of is not None:
        inner = maybe_subtype.non_null_of
        if supertype.non_null_of is not None:
            return is_strict_subtype(supertype.non_null_of, inner, is_direct_subtype)
        return inner == supertype or is_strict_subtype(supertype, inner, is_direct_subtype)
    if supertype.non_null_of is not None:
        return False
    if maybe_subtype.list_of is not None:
        return supertype.list_of is not None and is_strict_subtype(
            supertype.list_of, maybe_subtype.list_of, is_direct_subtype
        )
    if supertype.list_of is not None:
        return False
    assert supertype.name is not None and maybe_subtype.name is not None
    return is_direct_subtype(supertype.name, maybe_subtype.name)
