"""GraphQL input types of the items subgraph."""

from __future__ import annotations

import strawberry
from strawberry import UNSET

from gamja.errors import BadUserInput
from subgraphs.items.domain.categories import CATEGORIES
from subgraphs.items.domain.item import ItemFields
from subgraphs.items.graphql.context import given
from subgraphs.items.graphql.types import ItemStatus
from subgraphs.items.read_model.queries import ItemFilter as ReadFilter

__all__ = ["CreateItemInput", "ItemFilter", "UpdateItemInput"]


@strawberry.input(
    description="Narrows `items`; `region` matches by prefix (`서울 마포구` matches `서울 마포구 망원동`)."
)
class ItemFilter:
    status: ItemStatus | None = UNSET
    category: str | None = UNSET
    region: str | None = UNSET
    min_price: int | None = UNSET
    max_price: int | None = UNSET
    seller_id: strawberry.ID | None = UNSET

    def to_read_filter(self) -> ReadFilter:
        status, category, seller_id = given(self.status), given(self.category), given(self.seller_id)
        if category is not None and category not in CATEGORIES:
            raise BadUserInput(
                f"Unknown category {category!r}; choose one of: {', '.join(CATEGORIES)}.", field="category"
            )
        return ReadFilter(
            status=status.to_domain() if status else None,
            category=category,
            region=given(self.region),
            min_price=given(self.min_price),
            max_price=given(self.max_price),
            seller_id=str(seller_id) if seller_id is not None else None,
        )


@strawberry.input
class CreateItemInput:
    title: str = strawberry.field(description="2 to 100 characters.")
    description: str = strawberry.field(default="", description="At most 2,000 characters.")
    price: int = strawberry.field(description="KRW, 0 to 1,000,000,000; 0 means free sharing (나눔).")
    category: str = strawberry.field(description="One of `categories`.")
    region: str = strawberry.field(description="The neighbourhood, e.g. `서울 마포구 망원동`.")

    def to_fields(self) -> ItemFields:
        return ItemFields(
            title=self.title,
            description=self.description,
            price=self.price,
            category=self.category,
            region=self.region,
        )


@strawberry.input(description="Only the fields given (and not null) change.")
class UpdateItemInput:
    title: str | None = UNSET
    description: str | None = UNSET
    price: int | None = UNSET
    category: str | None = UNSET
    region: str | None = UNSET

    def to_fields(self) -> ItemFields:
        return ItemFields(
            title=given(self.title),
            description=given(self.description),
            price=given(self.price),
            category=given(self.category),
            region=given(self.region),
        )
