"""A running chat service per test, on the parametrised backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.chat.support import ChatWorld, chat_world
from tests.conftest import MakeSettings


@pytest.fixture
async def world(make_settings: MakeSettings) -> AsyncIterator[ChatWorld]:
    settings = await make_settings("chat")
    async with chat_world(settings) as running:
        yield running
