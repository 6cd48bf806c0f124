"""Search indexes behind one interface: embedded SQL (FTS5 / tsvector) and Elasticsearch, plus the indexer."""
