"""Demo listings across the demo users' neighbourhoods, written through the use cases so events flow too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from gamja.auth.viewer import Viewer
from gamja.demo import DEMO_USERS
from gamja.service import ServiceRuntime
from subgraphs.items.container import ItemsServices
from subgraphs.items.domain.item import ItemFields
from subgraphs.items.domain.snapshot import ItemStatus
from subgraphs.items.service_layer import handlers

__all__ = ["DEMO_ITEMS", "DemoItem", "demo_item_id", "seed"]


def demo_item_id(number: int) -> str:
    """Fixed ids so other services' demo data (comments, ...) can point at these items."""
    return f"00000000-0000-4000-9000-{number:012d}"


@dataclass(frozen=True)
class DemoItem:
    seller: int  # index into DEMO_USERS
    title: str
    price: int
    category: str
    description: str
    hours_ago: int
    status: ItemStatus = ItemStatus.ON_SALE
    buyer: int | None = None
    liked_by: tuple[int, ...] = ()


DEMO_ITEMS: tuple[DemoItem, ...] = (
    DemoItem(
        0,
        "아이폰13 프로 256GB 시에라블루",
        720_000,
        "디지털기기",
        "배터리 효율 88%, 기스 거의 없어요. 케이스 같이 드립니다.",
        2,
        liked_by=(1, 2),
    ),
    DemoItem(
        1,
        "이케아 책상 LINNMON 120x60",
        25_000,
        "가구/인테리어",
        "이사 가서 정리합니다. 직접 가져가셔야 해요.",
        5,
        liked_by=(0,),
    ),
    DemoItem(
        2,
        "유아 카시트 (다이치 브이가드)",
        90_000,
        "유아동",
        "신생아부터 사용 가능, 사고 이력 없습니다.",
        9,
        ItemStatus.RESERVED,
        liked_by=(0, 3),
    ),
    DemoItem(
        3,
        "삼천리 하이브리드 자전거 21단",
        130_000,
        "스포츠/레저",
        "주말에만 탔어요. 성수동 직거래 원해요.",
        12,
        liked_by=(1,),
    ),
    DemoItem(4, "다이슨 에어랩 컴플리트", 380_000, "뷰티/미용", "선물 받고 몇 번 안 썼어요. 박스 있음.", 20),
    DemoItem(
        5,
        "맥북 에어 M1 8GB 256GB",
        650_000,
        "디지털기기",
        "판교역 직거래 가능. 충전 사이클 210회.",
        26,
        liked_by=(0, 1, 3),
    ),
    DemoItem(
        0,
        "감자 한 박스 (강원도 10kg)",
        0,
        "생활/가공식품",
        "본가에서 너무 많이 보내줘서 나눔해요! 망원동 직접 오세요.",
        1,
        liked_by=(1, 2, 3),
    ),
    DemoItem(
        1,
        "닌텐도 스위치 OLED + 젤다",
        310_000,
        "게임/취미",
        "조이콘 쏠림 없음, 젤다 왕눈 포함.",
        30,
        ItemStatus.SOLD,
        buyer=2,
    ),
    DemoItem(2, "원목 식탁 4인용", 80_000, "가구/인테리어", "망원동 엘리베이터 없는 3층입니다.", 34),
    DemoItem(3, "나이키 페가수스 40 270mm", 60_000, "스포츠/레저", "러닝 50km 정도 뛰었어요.", 40),
    DemoItem(
        4,
        "부산 락페스티벌 1일권 2매",
        140_000,
        "도서/티켓/음반",
        "일정이 생겨서 양도합니다. 정가 이하.",
        44,
        liked_by=(5,),
    ),
    DemoItem(
        5, "로지텍 MX Keys 키보드", 70_000, "디지털기기", "한글 각인, 무선 3대 페어링.", 50, ItemStatus.SOLD, buyer=0
    ),
    DemoItem(0, "캣타워 대형 (180cm)", 35_000, "반려동물용품", "고양이가 안 써요ㅠ 분해해서 드립니다.", 55),
    DemoItem(1, "유니클로 울 코트 남성 L", 45_000, "남성의류", "두 번 입었어요. 드라이 완료.", 60),
    DemoItem(2, "자라 트위드 자켓 여성 S", 30_000, "여성의류", "택만 뗀 새 상품이에요.", 66, liked_by=(3,)),
    DemoItem(
        3, "LG 그램 16 2023", 900_000, "디지털기기", "업무용으로 쓰던 노트북, 상태 좋아요.", 70, ItemStatus.RESERVED
    ),
    DemoItem(4, "아기 범보의자 + 식판", 15_000, "유아동", "깨끗하게 세척했습니다.", 75),
    DemoItem(5, "보드게임 스플렌더 한글판", 18_000, "게임/취미", "구성품 모두 있어요.", 80, liked_by=(0,)),
    DemoItem(0, "전기밥솥 쿠쿠 6인용", 40_000, "생활/가공식품", "내솥 코팅 멀쩡해요.", 90),
    DemoItem(
        1,
        "해리포터 전집 (1~7권 세트)",
        50_000,
        "도서/티켓/음반",
        "아이가 다 읽어서 팝니다.",
        96,
        ItemStatus.SOLD,
        buyer=5,
    ),
    DemoItem(2, "강아지 이동장 (중형견용)", 20_000, "반려동물용품", "기내 반입 가능한 크기예요.", 100),
    DemoItem(3, "캠핑 의자 2개 헬리녹스 체어원", 150_000, "스포츠/레저", "정품, 수납 파우치 포함.", 110, liked_by=(5,)),
    DemoItem(4, "갤럭시 S23 울트라 512GB", 800_000, "디지털기기", "자급제, 해운대 직거래.", 120),
    DemoItem(5, "사무용 의자 시디즈 T50", 120_000, "가구/인테리어", "팔걸이 조절 잘 돼요.", 130, ItemStatus.RESERVED),
    DemoItem(0, "공기청정기 샤오미 4 프로", 90_000, "디지털기기", "필터 교체한 지 한 달 됐어요.", 140),
    DemoItem(1, "립스틱 세트 (미개봉)", 25_000, "뷰티/미용", "선물 받은 미개봉 새 상품.", 150),
    DemoItem(2, "중고 피아노 교본 모음", 10_000, "도서/티켓/음반", "바이엘부터 체르니까지.", 160),
    DemoItem(3, "플레이스테이션5 디스크 에디션", 450_000, "게임/취미", "패드 2개 포함.", 170, ItemStatus.SOLD),
    DemoItem(4, "화분 몬스테라 대품", 30_000, "기타 중고물품", "키 1m 정도 됩니다.", 180, liked_by=(2,)),
    DemoItem(5, "중고 아이패드 삽니다 (9세대 이상)", 250_000, "삽니다", "판교 근처 직거래 원해요.", 190),
)


async def seed(runtime: ServiceRuntime) -> None:
    container: ItemsServices = runtime.services
    uow = container.uow
    now = container.clock()
    # The demo buyers are the demo people of every seed (gamja/demo.py), whether or not users.events has
    # reached this service yet.
    await container.known_users.know(demo.id for demo in DEMO_USERS)
    for number, demo in enumerate(DEMO_ITEMS, start=1):
        seller = DEMO_USERS[demo.seller]
        created = now - timedelta(hours=demo.hours_ago)
        item_id = demo_item_id(number)
        fields = ItemFields(
            title=demo.title,
            description=demo.description,
            price=demo.price,
            category=demo.category,
            region=seller.region,
        )
        await handlers.create_item(uow, Viewer(seller.id), fields, created, item_id=item_id)
        for offset, liker in enumerate(demo.liked_by, start=1):
            await handlers.like_item(uow, Viewer(DEMO_USERS[liker].id), item_id, created + timedelta(minutes=offset))
        if demo.status is not ItemStatus.ON_SALE:
            buyer = DEMO_USERS[demo.buyer].id if demo.buyer is not None else None
            changed = min(created + timedelta(hours=1), now)
            await handlers.change_item_status(uow, Viewer(seller.id), item_id, demo.status, buyer, changed)
    # The read store is fed by events: project them now so the demo is browsable at once.
    await runtime.settle()
