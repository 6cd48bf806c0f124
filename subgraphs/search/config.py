"""Search-only settings (prefix `GAMJA_SEARCH_`): which backend, where Elasticsearch is, the popular-terms window."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["SearchSettings"]


class SearchSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GAMJA_SEARCH_", env_file=".env", extra="ignore")

    #: `embedded`: the search database itself (FTS5 on SQLite, tsvector on PostgreSQL); `elasticsearch`: a cluster.
    backend: Literal["embedded", "elasticsearch"] = "embedded"
    elasticsearch_url: str | None = Field(
        default=None, validation_alias=AliasChoices("GAMJA_SEARCH_ELASTICSEARCH_URL", "ELASTICSEARCH_URL")
    )
    elasticsearch_index_prefix: str = "gamja"
    #: Analyzer of the Elasticsearch text fields used by "more like this": `cjk_bigram` (built in) or `nori`
    #: (needs the analysis-nori plugin on the cluster).
    elasticsearch_analyzer: Literal["cjk_bigram", "nori"] = "cjk_bigram"
    popular_window_hours: float = Field(default=24.0, gt=0)
