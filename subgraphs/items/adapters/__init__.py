"""Persistence of the write side: tables, repository and unit of work."""
