"""The demo people every service's seed agrees on (ids are fixed so sellers, buyers and authors line up)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoUser"]

DEMO_PASSWORD = "gamja-demo-1234"


@dataclass(frozen=True)
class DemoUser:
    id: str
    email: str
    nickname: str
    region: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("00000000-0000-4000-8000-000000000001", "potato@example.com", "감자농부", "서울 마포구 망원동"),
    DemoUser("00000000-0000-4000-8000-000000000002", "carrot@example.com", "당근조아", "서울 마포구 합정동"),
    DemoUser("00000000-0000-4000-8000-000000000003", "mango@example.com", "망원동망고", "서울 마포구 망원동"),
    DemoUser("00000000-0000-4000-8000-000000000004", "seongsu@example.com", "성수동러너", "서울 성동구 성수동"),
    DemoUser("00000000-0000-4000-8000-000000000005", "haeundae@example.com", "해운대갈매기", "부산 해운대구 우동"),
    DemoUser("00000000-0000-4000-8000-000000000006", "pangyo@example.com", "판교개발자", "경기 성남시 분당구 삼평동"),
)
