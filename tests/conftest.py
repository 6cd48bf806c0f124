"""Fixtures shared by every suite: a backend parameter (SQLite, PostgreSQL) and settings built on it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from gamja.catalog import load_spec
from gamja.settings import Settings
from tests.support.addresses import TEST_CLIENT_ADDRESS_KEY
from tests.support.databases import (
    PostgresUnavailable,
    create_postgres_database,
    drop_postgres_database,
    sqlite_url,
)

IN_CI = bool(os.environ.get("CI"))

MakeSettings = Callable[..., Awaitable[Settings]]


def unavailable(reason: str) -> None:
    """Skip locally with the reason; in CI a missing real dependency is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(f"{reason} (CI requires it)")
    pytest.skip(reason)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """One empty database on the current backend."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path, "test")
        return
    try:
        name, url = await create_postgres_database()
    except PostgresUnavailable as exc:
        unavailable(str(exc))
    yield url
    await drop_postgres_database(name)


@pytest.fixture
async def make_settings(backend: str, tmp_path: Path) -> AsyncIterator[MakeSettings]:
    """`await make_settings("users", "items", **overrides)`: settings whose services own fresh databases."""
    created: list[str] = []

    async def make(*services: str, **overrides: Any) -> Settings:
        urls: dict[str, str] = {}
        for service in services:
            for role in load_spec(service).migrations:
                stem = f"{service}_{role}" if role else service
                if backend == "sqlite":
                    urls[f"{stem}_database_url"] = sqlite_url(tmp_path, stem)
                else:
                    try:
                        name, url = await create_postgres_database()
                    except PostgresUnavailable as exc:
                        unavailable(str(exc))
                    created.append(name)
                    urls[f"{stem}_database_url"] = url
        values: dict[str, Any] = {
            "var_dir": tmp_path / "var",
            "jwt_secret": SecretStr("test-secret-" + "x" * 40),
            "client_address_key": SecretStr(TEST_CLIENT_ADDRESS_KEY),
            "run_workers": False,
            **urls,
            **overrides,
        }
        return Settings(**values)

    yield make
    for name in created:
        await drop_postgres_database(name)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Argon2 at its production cost makes every sign-up a quarter second; tests check behaviour, not cost."""
    from argon2 import PasswordHasher

    from gamja.auth import passwords

    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = production


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the worker thread of any aiosqlite connection a test leaked.

    Those threads are not daemons: one left running keeps the interpreter alive after the last test, and a CI
    run would hang after printing a green summary.
    """
    import gc
    import warnings

    import aiosqlite

    def open_connection(obj: object) -> bool:
        try:
            return isinstance(obj, aiosqlite.Connection) and obj._connection is not None
        except ReferenceError:  # a dead weak proxy (websockets keeps some) cannot even say its type
            return False

    leaked = [obj for obj in gc.get_objects() if open_connection(obj)]
    for connection in leaked:
        connection.stop()
    if leaked:
        warnings.warn(f"{len(leaked)} aiosqlite connection(s) were left open by tests", ResourceWarning, stacklevel=1)
