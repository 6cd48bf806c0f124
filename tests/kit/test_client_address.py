"""The client-address key: generated once per laptop, required in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from gamja.client_address import ClientAddressSigner, load_client_address_key
from gamja.settings import Settings


def test_a_laptop_generates_one_key_every_process_shares(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    key = load_client_address_key(settings)
    assert len(key) >= 32 and load_client_address_key(Settings(var_dir=tmp_path)) == key
    signed = ClientAddressSigner(key).sign("203.0.113.7")
    assert ClientAddressSigner.from_settings(settings).verify(signed) == "203.0.113.7"


def test_production_refuses_to_start_without_a_configured_key(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="GAMJA_CLIENT_ADDRESS_KEY"):
        load_client_address_key(Settings(var_dir=tmp_path, router_production=True))
    configured = Settings(var_dir=tmp_path, router_production=True, client_address_key=SecretStr("k" * 40))
    assert load_client_address_key(configured) == b"k" * 40
    assert not (tmp_path / "client-address.key").exists()
