"""The fixed list of item categories (the same list the demo data uses)."""

from __future__ import annotations

__all__ = ["CATEGORIES"]

CATEGORIES: tuple[str, ...] = (
    "디지털기기",
    "가구/인테리어",
    "유아동",
    "생활/가공식품",
    "스포츠/레저",
    "여성의류",
    "남성의류",
    "게임/취미",
    "뷰티/미용",
    "반려동물용품",
    "도서/티켓/음반",
    "기타 중고물품",
    "삽니다",
)
