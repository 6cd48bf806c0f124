"""What the front door allows: limits, exposure and CORS, with laptop defaults and one production switch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gamja.client_address import ClientAddressSigner

if TYPE_CHECKING:  # the settings (pydantic) load only where they are read, not with the router
    from gamja.settings import Settings

__all__ = ["DEFAULT_WEB_DIR", "LOCALHOST_ORIGINS", "FrontDoorConfig", "Limits"]

# The Vite build of web/ in this checkout (`make run` builds it); absent, the router says the app is not built.
DEFAULT_WEB_DIR = Path(__file__).resolve().parents[2] / "web" / "dist"

# Any port on the loopback names: the dev servers of the web app and of tools like Vite or Storybook.
LOCALHOST_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?"


@dataclass(frozen=True, slots=True)
class Limits:
    """Operation limits checked once per distinct operation, before anything runs."""

    max_depth: int = 12
    max_aliases: int = 30
    max_root_fields: int = 20
    max_tokens: int = 15_000
    max_selections: int = 2_000
    max_cost: int = 5_000
    default_list_size: int = 10


@dataclass(frozen=True, slots=True)
class FrontDoorConfig:
    production: bool = False
    max_body_bytes: int = 2_000_000
    limits: Limits = field(default_factory=Limits)
    cors_origins: tuple[str, ...] = ()
    apq: bool = True
    trusted_documents: Path | None = None
    cache_bytes: int = 64 * 1024 * 1024
    # The web app served at `/` (router/server/web_app.py); None: no app, unknown paths are 404s.
    web_dir: Path | None = DEFAULT_WEB_DIR
    # Signs the client address forwarded to the subgraphs; None: they see every request as the router's own.
    client_address_signer: ClientAddressSigner | None = None

    @property
    def introspection(self) -> bool:
        return not self.production

    @property
    def playground(self) -> bool:
        """GraphiQL on a browser's GET (it needs introspection, so it goes with it)."""
        return not self.production

    @property
    def expose_supergraph(self) -> bool:
        """`/supergraph.graphql` names every subgraph's internal URL."""
        return not self.production

    @property
    def expose_query_plan(self) -> bool:
        return not self.production

    @property
    def cors_origin_regex(self) -> str | None:
        return None if self.production else LOCALHOST_ORIGINS

    @classmethod
    def from_settings(cls, settings: Settings) -> FrontDoorConfig:
        return cls(
            production=settings.router_production,
            max_body_bytes=settings.router_max_body_bytes,
            limits=Limits(
                max_depth=settings.router_max_depth,
                max_aliases=settings.router_max_aliases,
                max_root_fields=settings.router_max_root_fields,
                max_tokens=settings.router_max_tokens,
                max_selections=settings.router_max_selections,
                max_cost=settings.router_max_cost,
                default_list_size=settings.router_default_list_size,
            ),
            cors_origins=tuple(settings.router_cors_origins),
            apq=settings.router_apq,
            trusted_documents=settings.router_trusted_documents,
            cache_bytes=settings.router_cache_bytes,
            web_dir=(settings.router_web_dir or DEFAULT_WEB_DIR) if settings.router_web_app else None,
            client_address_signer=ClientAddressSigner.from_settings(settings),
        )
