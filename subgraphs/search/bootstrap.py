"""Composition root of the search subgraph: database, index backend, indexer, service, schema."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from gamja.auth.tokens import TokenService, load_signing_key
from gamja.db import Database
from gamja.events.factory import open_transport
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from subgraphs.search.config import SearchSettings
from subgraphs.search.graphql.schema import build_search_schema
from subgraphs.search.read_model.index import SearchIndex
from subgraphs.search.read_model.indexer import Indexer
from subgraphs.search.read_model.sql_index import SqlSearchIndex
from subgraphs.search.service_layer.search import SearchService
from subgraphs.search.service_layer.search_log import SearchLogBuffer

__all__ = ["SearchServices", "build"]


@dataclass
class SearchServices:
    """What resolvers and operator commands reach through `info.context.services` / `runtime.services`."""

    search: SearchService
    index: SearchIndex
    indexer: Indexer


def _open_index(database: Database, search_settings: SearchSettings) -> SearchIndex:
    if search_settings.backend == "elasticsearch":
        from subgraphs.search.read_model.elastic_index import ElasticsearchIndex

        if not search_settings.elasticsearch_url:
            raise RuntimeError("GAMJA_SEARCH_BACKEND=elasticsearch needs GAMJA_SEARCH_ELASTICSEARCH_URL")
        return ElasticsearchIndex.connect(
            search_settings.elasticsearch_url,
            prefix=search_settings.elasticsearch_index_prefix,
            analyzer=search_settings.elasticsearch_analyzer,
        )
    return SqlSearchIndex(database)


async def build(settings: Settings, search_settings: SearchSettings | None = None) -> ServiceRuntime:
    search_settings = search_settings or SearchSettings()
    database = Database(settings.database_url("search"))
    transport = open_transport(settings)
    index = _open_index(database, search_settings)
    indexer = Indexer(index, transport)
    user_hash_key = hashlib.sha256(b"search-user-hash:" + load_signing_key(settings).encode()).digest()
    search_log = SearchLogBuffer(index)
    search = SearchService(
        index,
        user_hash_key=user_hash_key,
        popular_window=timedelta(hours=search_settings.popular_window_hours),
        search_log=search_log,
    )
    runtime = ServiceRuntime(
        name="search",
        schema=build_search_schema(),
        databases={"": database},
        tokens=TokenService.from_settings(settings),
        services=SearchServices(search=search, index=index, indexer=indexer),
        workers=[indexer.consumer.run, search_log.run],
        drainers=[indexer.consumer.drain, search_log.flush],
        # Closed in reverse: the last searches are written before the index goes away.
        closers=[transport.close, index.close, search_log.close],
        consumers=[indexer.consumer],
    )
    try:
        await indexer.ensure_current_tokenizer()
    except BaseException:
        await runtime.close()
        raise
    return runtime
