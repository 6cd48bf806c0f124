"""The `DateTime` scalar every subgraph defines the same way."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NewType

import strawberry

from subgraphs.items.domain.snapshot import format_time, parse_time

__all__ = ["DateTime"]

if TYPE_CHECKING:
    DateTime = datetime
else:
    DateTime = strawberry.scalar(
        NewType("DateTime", datetime),
        name="DateTime",
        description="ISO-8601 date-time in UTC",
        serialize=format_time,
        parse_value=parse_time,
    )
