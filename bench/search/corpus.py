"""A deterministic synthetic corpus of Korean second-hand listings (same seed, same items, every run)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from subgraphs.search.domain.model import ItemDocument

__all__ = ["REGIONS", "generate"]

# (title stem, category); spacing and Latin/digit variants appear as sellers really type them.
PRODUCTS: list[tuple[list[str], str]] = [
    (["아이폰13프로", "아이폰 13 프로", "아이폰13 프로"], "디지털기기"),
    (["아이폰 15", "아이폰15", "iPhone 15"], "디지털기기"),
    (["아이패드 미니 6", "아이패드미니6", "아이패드 프로 11"], "디지털기기"),
    (["맥북 에어 M2", "맥북에어 M2", "맥북프로 14"], "디지털기기"),
    (["갤럭시 S23 울트라", "갤럭시S23", "갤럭시 탭 S9"], "디지털기기"),
    (["에어팟 프로 2세대", "에어팟프로", "에어팟 3세대"], "디지털기기"),
    (["RTX 3080 그래픽카드", "rtx3080", "RTX3080 10GB", "RTX 4070"], "디지털기기"),
    (["닌텐도 스위치 OLED", "닌텐도스위치", "스위치 라이트"], "게임/취미"),
    (["플레이스테이션 5", "PS5 디스크 에디션", "플스5"], "게임/취미"),
    (["로드 자전거", "접이식 자전거", "아동용 자전거", "자전거"], "스포츠/레저"),
    (["캠핑 의자", "캠핑의자 2개", "캠핑 테이블", "캠핑 텐트 4인용"], "스포츠/레저"),
    (["원목 책상", "컴퓨터 책상", "책상 의자 세트", "사무용 의자"], "가구/인테리어"),
    (["4인용 식탁", "원목 식탁", "소파 3인용", "패브릭 소파"], "가구/인테리어"),
    (["유모차 절충형", "휴대용 유모차", "카시트", "아기 침대"], "유아동"),
    (["냉장고 양문형", "미니 냉장고", "세탁기 드럼", "전자레인지"], "생활가전"),
    (["다이슨 청소기 V11", "무선 청소기", "공기청정기", "제습기"], "생활가전"),
    (["겨울 패딩", "롱패딩 블랙", "나이키 운동화 270", "뉴발란스 993"], "의류"),
    (["해리포터 전집", "수학 문제집", "토익 교재", "만화책 원피스"], "도서"),
    (["몬스테라 화분", "다육이 세트", "고양이 캣타워", "강아지 방석"], "반려동물/식물"),
]
ADJECTIVES = ["", "", "미개봉", "새상품", "거의 새것", "급처", "풀박스", "A급", "상태 좋은", "깨끗한"]
ENDINGS = ["", "", "팝니다", "판매합니다", "판매", "나눔", "싸게 팔아요", "급하게 팝니다"]
PARTICLES = ["", "", "", "를", "을", "은", "는"]
SENTENCES = [
    "직거래 선호합니다.",
    "택배 거래 가능해요.",
    "{item} 사용감 거의 없어요.",
    "이사 가서 {item} 정리합니다.",
    "{item}{particle} 1년 정도 썼습니다.",
    "네고 사절입니다.",
    "박스랑 구성품 모두 있어요.",
    "{item} 찾으시는 분 연락 주세요.",
    "생활 기스 조금 있습니다.",
    "주말에만 거래 가능합니다.",
]
REGIONS = [
    "서울 마포구 망원동",
    "서울 마포구 합정동",
    "서울 마포구 연남동",
    "서울 성동구 성수동",
    "서울 강남구 역삼동",
    "서울 관악구 신림동",
    "부산 해운대구 우동",
    "부산 수영구 광안동",
    "경기 성남시 분당구 삼평동",
    "경기 수원시 영통구 매탄동",
    "인천 연수구 송도동",
    "대구 수성구 범어동",
]
STATUSES = ["ON_SALE"] * 7 + ["RESERVED"] * 1 + ["SOLD"] * 2
START = datetime(2026, 1, 1, tzinfo=UTC)


def _title(rng: random.Random) -> tuple[str, str, str]:
    variants, category = rng.choice(PRODUCTS)
    stem = rng.choice(variants)
    parts = [rng.choice(ADJECTIVES), stem + rng.choice(PARTICLES), rng.choice(ENDINGS)]
    return " ".join(part for part in parts if part), stem, category


def _description(rng: random.Random, stem: str) -> str:
    chosen = rng.sample(SENTENCES, k=rng.randint(2, 5))
    return " ".join(s.format(item=stem, particle=rng.choice(PARTICLES)) for s in chosen)


def generate(count: int, seed: int) -> list[ItemDocument]:
    rng = random.Random(seed)
    documents = []
    for n in range(count):
        title, stem, category = _title(rng)
        created = START + timedelta(minutes=rng.randrange(0, 320 * 24 * 60))
        price = 0 if "나눔" in title else rng.randrange(1, 300) * 1000
        documents.append(
            ItemDocument(
                item_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                version=1,
                title=title,
                description=_description(rng, stem),
                price=price,
                category=category,
                region=rng.choice(REGIONS),
                status=rng.choice(STATUSES),
                seller_id=f"seller-{n % 5000}",
                created_at=created,
                bumped_at=created + timedelta(hours=rng.choice([0, 0, 0, 5, 48])),
            )
        )
    return documents
