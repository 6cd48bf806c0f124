"""The read store: its tables, the projector that feeds it, its queries, rebuild and consistency check."""
