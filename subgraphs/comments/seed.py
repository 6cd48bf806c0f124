"""Demo comments in Korean on the demo items, for the items this service has learned of from `items.events`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from gamja.auth.viewer import Viewer
from gamja.demo import DEMO_USERS
from gamja.service import ServiceRuntime
from subgraphs.comments.adapters.repository import CommentRepository
from subgraphs.comments.domain.model import KnownItem
from subgraphs.comments.service_layer.container import CommentsServices

__all__ = ["DEMO_THREADS", "DemoThread", "demo_comment_id", "seed"]

_NAMESPACE = uuid.UUID("6f1c2a1e-4d1b-4c55-9a53-2f0f5b8f0c01")


def demo_item_id(number: int) -> str:
    # The fixed ids of the items service's demo listings (subgraphs/items/seed.py); we only read events, so
    # items we have not heard of are skipped rather than imported from there.
    return f"00000000-0000-4000-9000-{number:012d}"


def demo_comment_id(item_id: str, index: int) -> str:
    """Fixed ids so seeding twice adds nothing."""
    return str(uuid.uuid5(_NAMESPACE, f"{item_id}/{index}"))


@dataclass(frozen=True)
class DemoThread:
    item: int  # number of the demo item
    author: int  # index into DEMO_USERS
    body: str
    seller_reply: str | None = None  # answered by the item's seller, as known from the events


DEMO_THREADS: tuple[DemoThread, ...] = (
    DemoThread(1, 1, "배터리 교체 이력 있나요?", "아니요, 교체 없이 원래 배터리예요."),
    DemoThread(1, 3, "혹시 65만원에 가능할까요?", "70만원까지는 맞춰드릴 수 있어요."),
    DemoThread(2, 0, "오늘 저녁에 가지러 가도 될까요?", "네 7시 이후에 오시면 돼요!"),
    DemoThread(4, 5, "성수역 근처에서 직거래 가능하세요?"),
    DemoThread(6, 0, "충전기도 같이 주시나요?", "네, 정품 충전기 포함이에요."),
    DemoThread(7, 2, "나눔 감사합니다! 아직 남아 있나요?", "네 아직 있어요. 망원시장 앞에서 드릴게요."),
    DemoThread(7, 3, "저도 받고 싶어요 🙏"),
    DemoThread(9, 4, "의자도 같이 파시나요?"),
    DemoThread(13, 1, "고양이가 좋아할 것 같아요. 높이가 어떻게 되나요?", "180cm이고 천장에 고정하는 타입은 아니에요."),
)


async def seed(runtime: ServiceRuntime) -> None:
    services: CommentsServices = runtime.services
    # Comments can only go on items this service knows: learn what the items service has published so far.
    await runtime.settle()
    for index, thread in enumerate(DEMO_THREADS):
        item_id = demo_item_id(thread.item)
        item = await _known(services, item_id)
        if item is None or item.deleted:
            continue
        question_id = demo_comment_id(item_id, index * 2)
        if not await _exists(services, question_id):
            author = Viewer(DEMO_USERS[thread.author].id)
            await services.commands.add(author, item_id, thread.body, comment_id=question_id)
        reply_id = demo_comment_id(item_id, index * 2 + 1)
        if thread.seller_reply is not None and not await _exists(services, reply_id):
            seller = Viewer(item.seller_id)
            await services.commands.add(seller, item_id, thread.seller_reply, question_id, comment_id=reply_id)


async def _known(services: CommentsServices, item_id: str) -> KnownItem | None:
    async with services.database.session() as session:
        return await CommentRepository(session).item(item_id)


async def _exists(services: CommentsServices, comment_id: str) -> bool:
    async with services.database.session() as session:
        return await CommentRepository(session).comment(comment_id) is not None
