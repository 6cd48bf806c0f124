"""The client's address as the router saw it, signed so that a subgraph can tell it from a forged one.

A subgraph acts on a client's address (sign-in throttle, view counts). Behind the router its socket peer is
the router, so the router tells it the address in `X-Gamja-Client-Address: <address> <unix time> <HMAC>`,
signed with a key only the stack's processes hold (`GAMJA_CLIENT_ADDRESS_KEY`). A subgraph believes the
header only when the signature is right and the time is recent (a captured header cannot be replayed for
long); anything else, `X-Forwarded-For` included, counts as coming from the socket peer.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import TYPE_CHECKING

from gamja.local_keys import read_or_create_key

if TYPE_CHECKING:  # pydantic loads only where settings are read
    from gamja.settings import Settings

__all__ = ["HEADER", "MAX_AGE_SECONDS", "ClientAddressSigner", "load_client_address_key"]

HEADER = "x-gamja-client-address"
# How old a signed address may be. Router and subgraph clocks may differ a little; a replay needs a header
# captured on the private network within this window.
MAX_AGE_SECONDS = 60
KEY_FILE = "client-address.key"


def load_client_address_key(settings: Settings) -> bytes:
    """The configured key; on a laptop one generated on first run under var/ (shared by the processes of one
    `gamja up`). Production mode refuses to start without a configured key."""
    if settings.client_address_key is not None:
        return settings.client_address_key.get_secret_value().encode()
    if settings.router_production:
        raise RuntimeError(
            "GAMJA_CLIENT_ADDRESS_KEY must be set in production (the same random value for the router and every "
            "subgraph): without it the subgraphs cannot tell the router's client address from a forged one."
        )
    return read_or_create_key(settings.var_dir / KEY_FILE, nbytes=48).encode()


class ClientAddressSigner:
    def __init__(self, key: bytes, *, max_age_seconds: int = MAX_AGE_SECONDS) -> None:
        if not key:
            raise ValueError("the client-address key is empty")
        self._key = key
        self._max_age = max_age_seconds

    @classmethod
    def from_settings(cls, settings: Settings) -> ClientAddressSigner:
        return cls(load_client_address_key(settings))

    def sign(self, address: str, *, now: float | None = None) -> str:
        stamp = int(time.time() if now is None else now)
        return f"{address} {stamp} {self._mac(address, stamp)}"

    def verify(self, value: str | None, *, now: float | None = None) -> str | None:
        """The address in a header value this key signed recently; None for anything else."""
        if not value:
            return None
        address, _, rest = value.strip().partition(" ")
        stamp_text, _, mac = rest.partition(" ")
        if not address or not stamp_text.isdigit() or len(stamp_text) > 12:
            return None
        stamp = int(stamp_text)
        current = time.time() if now is None else now
        if abs(current - stamp) > self._max_age:
            return None
        if not hmac.compare_digest(mac.encode(), self._mac(address, stamp).encode()):
            return None
        return address

    def _mac(self, address: str, stamp: int) -> str:
        return hmac.new(self._key, f"{address}\n{stamp}".encode(), hashlib.sha256).hexdigest()
