"""Per-request DataLoaders: every resolver asking in one tick shares one SQL statement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from gamja.subgraph.context import RequestContext
from subgraphs.comments.adapters.queries import CommentQueries, Position
from subgraphs.comments.domain.model import Comment
from subgraphs.comments.service_layer.container import CommentsServices

__all__ = [
    "Info",
    "author_counts",
    "author_pages",
    "comment_counts",
    "comments_by_id",
    "replies",
    "thread_counts",
    "thread_pages",
]

Info = strawberry.Info[RequestContext[CommentsServices], None]
V = TypeVar("V")


def _queries(info: Info) -> CommentQueries:
    return info.context.services.queries


def _keyed(
    fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, V]]], default: Callable[[], V]
) -> Callable[[Sequence[str]], Awaitable[list[V]]]:
    async def load(keys: Sequence[str]) -> list[V]:
        found = await fetch(list(keys))
        return [found.get(key, default()) for key in keys]

    return load


def _loader(
    info: Info, key: Any, fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, V]]], default: Callable[[], V]
) -> DataLoader[str, V]:
    return info.context.loader(key, _keyed(fetch, default))


def comments_by_id(info: Info) -> DataLoader[str, Comment | None]:
    return _loader(info, "comments", _queries(info).comments, lambda: None)


def comment_counts(info: Info) -> DataLoader[str, int]:
    return _loader(info, "comment-counts", _queries(info).comment_counts, int)


def thread_counts(info: Info) -> DataLoader[str, int]:
    return _loader(info, "thread-counts", _queries(info).thread_counts, int)


def author_counts(info: Info) -> DataLoader[str, int]:
    return _loader(info, "author-counts", _queries(info).author_counts, int)


def replies(info: Info) -> DataLoader[str, list[Comment]]:
    return _loader(info, "replies", _queries(info).replies, list)


def thread_pages(info: Info, first: int, after: Position | None) -> DataLoader[str, list[Comment]]:
    # Items asked with the same page arguments (a list of items) share one statement.
    queries = _queries(info)

    async def fetch(item_ids: Sequence[str]) -> Mapping[str, list[Comment]]:
        return await queries.thread_pages(item_ids, first, after)

    return _loader(info, ("thread-pages", first, after), fetch, list)


def author_pages(info: Info, first: int, after: Position | None) -> DataLoader[str, list[Comment]]:
    queries = _queries(info)

    async def fetch(author_ids: Sequence[str]) -> Mapping[str, list[Comment]]:
        return await queries.author_pages(author_ids, first, after)

    return _loader(info, ("author-pages", first, after), fetch, list)
