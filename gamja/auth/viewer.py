"""Who is making a request: the verified claims of a token, or nobody."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ADMIN", "USER", "Viewer"]

USER = "USER"
ADMIN = "ADMIN"


@dataclass(frozen=True)
class Viewer:
    user_id: str
    roles: frozenset[str] = frozenset({USER})

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    def may_act_for(self, owner_id: str) -> bool:
        """Owners and admins may change or delete what an owner made."""
        return self.user_id == owner_id or self.is_admin
