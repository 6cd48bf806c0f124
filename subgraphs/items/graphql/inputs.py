"""GraphQL input types of the items subgraph."""

from __future__ import annotations

import strawberry

from gamja.errors import BadUserInput
from subgraphs.items.domain.categories import CATEGORIES
from subgraphs.items.domain.item import ItemFields
from subgraphs.items.graphql.types import ItemStatus
from subgraphs.items.read_model.queries import ItemFilter as ReadFilter

__all__ = ["CreateItemInput", "ItemFilter", "UpdateItemInput"]


@strawberry.input(
    description="Narrows `items`; `region` matches by prefix (`서울 마포구` matches `서울 마포구 망원동`)."
)
class ItemFilter:
    status: ItemStatus | None = None
    category: str | None = None
    region: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    seller_id: strawberry.ID | None = None

    def to_read_filter(self) -> ReadFilter:
        if self.category is not None and self.category not in CATEGORIES:
            raise BadUserInput(
                f"Unknown category {self.category!r}; choose one of: {', '.join(CATEGORIES)}.", field="category"
            )
        return ReadFilter(
            status=self.status.to_domain() if self.status else None,
            category=self.category,
            region=self.region,
            min_price=self.min_price,
            max_price=self.max_price,
            seller_id=str(self.seller_id) if self.seller_id is not None else None,
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


@strawberry.input(description="Only the fields given change.")
class UpdateItemInput:
    title: str | None = None
    description: str | None = None
    price: int | None = None
    category: str | None = None
    region: str | None = None

    def to_fields(self) -> ItemFields:
        return ItemFields(
            title=self.title,
            description=self.description,
            price=self.price,
            category=self.category,
            region=self.region,
        )
