"""Gamja runtime kit: what every Gamja Market service shares (settings, database, auth, events, registry)."""
