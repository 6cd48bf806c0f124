"""Validation of what a seller writes: each check names the field so a form can show it next to the input."""

from __future__ import annotations

from gamja.errors import BadUserInput
from gamja.text import clean_text
from subgraphs.items.domain.categories import CATEGORIES

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_PRICE",
    "MAX_REGION",
    "MAX_TITLE",
    "MIN_TITLE",
    "valid_category",
    "valid_description",
    "valid_price",
    "valid_region",
    "valid_title",
]

MIN_TITLE = 2
MAX_TITLE = 100
MAX_DESCRIPTION = 2_000
MAX_PRICE = 1_000_000_000
MAX_REGION = 100


def valid_title(title: str) -> str:
    cleaned = clean_text(title, field="title")
    if not MIN_TITLE <= len(cleaned) <= MAX_TITLE:
        raise BadUserInput(
            f"The title must be {MIN_TITLE} to {MAX_TITLE} characters long (it has {len(cleaned)}).", field="title"
        )
    return cleaned


def valid_description(description: str) -> str:
    cleaned = clean_text(description, field="description", multiline=True)
    if len(cleaned) > MAX_DESCRIPTION:
        raise BadUserInput(
            f"The description can be at most {MAX_DESCRIPTION} characters long (it has {len(cleaned)}).",
            field="description",
        )
    return cleaned


def valid_price(price: int) -> int:
    if not 0 <= price <= MAX_PRICE:
        raise BadUserInput(
            f"The price must be between 0 (free sharing) and {MAX_PRICE:,} won; got {price:,}.", field="price"
        )
    return price


def valid_category(category: str) -> str:
    category = clean_text(category, field="category")
    if category not in CATEGORIES:
        raise BadUserInput(f"Unknown category {category!r}; choose one of: {', '.join(CATEGORIES)}.", field="category")
    return category


def valid_region(region: str) -> str:
    cleaned = " ".join(clean_text(region, field="region").split())
    if not cleaned:
        raise BadUserInput("The region must not be empty (e.g. `서울 마포구 망원동`).", field="region")
    if len(cleaned) > MAX_REGION:
        raise BadUserInput(f"The region can be at most {MAX_REGION} characters long.", field="region")
    return cleaned
