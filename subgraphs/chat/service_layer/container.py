"""What resolvers and the seed reach through `info.context.services`."""

from __future__ import annotations

from dataclasses import dataclass

from gamja.db import Database
from subgraphs.chat.adapters.queries import ChatQueries
from subgraphs.chat.service_layer.commands import ChatCommands
from subgraphs.chat.service_layer.live import LiveMessages
from subgraphs.chat.service_layer.subscriptions import ChatSubscriptions

__all__ = ["ChatServices"]


@dataclass(frozen=True)
class ChatServices:
    database: Database
    commands: ChatCommands
    queries: ChatQueries
    live: LiveMessages
    subscriptions: ChatSubscriptions
