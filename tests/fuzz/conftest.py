"""The fuzz tests run against the whole marketplace of the end-to-end tests."""

from tests.e2e.conftest import backend, marketplace

__all__ = ["backend", "marketplace"]
