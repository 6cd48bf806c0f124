"""What resolvers and the seed reach through `info.context.services`: the use cases, the read queries and the replay."""

from __future__ import annotations

from dataclasses import dataclass

from gamja.db import Database
from subgraphs.comments.adapters.queries import CommentQueries
from subgraphs.comments.service_layer.commands import CommentCommands
from subgraphs.comments.service_layer.replay import KnownItemsReplay

__all__ = ["CommentsServices"]


@dataclass(frozen=True)
class CommentsServices:
    database: Database
    commands: CommentCommands
    queries: CommentQueries
    known_items: KnownItemsReplay
