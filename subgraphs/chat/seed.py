"""Demo chats in Korean between demo buyers and the sellers of demo items this service has heard of."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from gamja.auth.viewer import Viewer
from gamja.demo import DEMO_USERS
from gamja.service import ServiceRuntime
from subgraphs.chat.adapters.repository import ChatRepository
from subgraphs.chat.domain.model import KnownItem
from subgraphs.chat.service_layer.container import ChatServices

__all__ = ["DEMO_CHATS", "DemoChat", "seed"]

_NAMESPACE = uuid.UUID("3b0e8c52-7a4f-4f0e-9d7e-1c5a2b9e4d11")


def demo_item_id(number: int) -> str:
    # The fixed ids of the items service's demo listings (subgraphs/items/seed.py).
    return f"00000000-0000-4000-9000-{number:012d}"


def _demo_id(*parts: object) -> str:
    """Fixed ids so seeding twice adds nothing."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(map(str, parts))))


@dataclass(frozen=True)
class DemoChat:
    item: int  # number of the demo item
    buyer: int  # index into DEMO_USERS
    # Alternating lines, the buyer's first.
    lines: tuple[str, ...]


DEMO_CHATS: tuple[DemoChat, ...] = (
    DemoChat(1, 1, ("안녕하세요, 아직 판매 중인가요?", "네 판매 중이에요!", "내일 저녁 망원역에서 거래 가능할까요?")),
    DemoChat(2, 0, ("나눔 받을 수 있을까요?", "네, 7시 이후에 오세요.")),
)


async def seed(runtime: ServiceRuntime) -> None:
    services: ChatServices = runtime.services
    # Chats can only be about items this service knows: learn what the items service has published so far.
    await runtime.settle()
    for chat in DEMO_CHATS:
        item = await _known(services, demo_item_id(chat.item))
        buyer = Viewer(DEMO_USERS[chat.buyer].id)
        if item is None or item.deleted or item.seller_id == buyer.user_id:
            continue
        room = await services.commands.start(buyer, item.id, room_id=_demo_id(item.id, buyer.user_id))
        for index, line in enumerate(chat.lines):
            message_id = _demo_id(room.id, index)
            if await _message_exists(services, message_id):
                continue
            sender = buyer if index % 2 == 0 else Viewer(item.seller_id)
            await services.commands.send(sender, room.id, line, message_id=message_id)
    await runtime.settle()


async def _known(services: ChatServices, item_id: str) -> KnownItem | None:
    async with services.database.session() as session:
        return await ChatRepository(session).item(item_id)


async def _message_exists(services: ChatServices, message_id: str) -> bool:
    async with services.database.session() as session:
        return await ChatRepository(session).message(message_id) is not None
