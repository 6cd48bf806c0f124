"""Requests that come from a client address as the router vouches for it (the signed header)."""

from __future__ import annotations

from gamja.client_address import HEADER, ClientAddressSigner

__all__ = ["TEST_CLIENT_ADDRESS_KEY", "via_router"]

# What `make_settings` configures as GAMJA_CLIENT_ADDRESS_KEY, so a test can sign as the router would.
TEST_CLIENT_ADDRESS_KEY = "test-client-address-key-" + "y" * 24


def via_router(address: str) -> dict[str, str]:
    """The header the router adds for a client at `address`."""
    return {HEADER: ClientAddressSigner(TEST_CLIENT_ADDRESS_KEY.encode()).sign(address)}
