"""Wire types shared by every resource."""

from typing import Annotated, Generic, TypeVar

import msgspec

from boxoffice.application.models.pagination import Page
from boxoffice.domain.registrations import MAX_NAME
from boxoffice.domain.users import MAX_EMAIL

T = TypeVar("T")

Email = Annotated[
    str, msgspec.Meta(min_length=3, max_length=MAX_EMAIL, examples=["priya@example.com"])
]
PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)]


class Request(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of request bodies: unknown fields are an error, not silently dropped."""


class PageOut(msgspec.Struct, Generic[T]):
    items: list[T]
    page: int
    size: int
    total: int
    # False when counting stopped at a bound: there are at least `total` items
    total_is_exact: bool = True

    @classmethod
    def of(cls, page: Page[T]) -> "PageOut[T]":
        return cls(
            items=page.items,
            page=page.page,
            size=page.size,
            total=page.total,
            total_is_exact=page.total_is_exact,
        )
