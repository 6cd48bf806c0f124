"""A running comments service per test, on the parametrised backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.comments.support import World, comments_world
from tests.conftest import MakeSettings


@pytest.fixture
async def world(make_settings: MakeSettings) -> AsyncIterator[World]:
    settings = await make_settings("comments")
    async with comments_world(settings) as running:
        yield running
