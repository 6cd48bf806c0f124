"""Helpers shared by the test suites: databases per backend, settings, GraphQL clients, running services."""
