"""A list's page on the wire, in both services: the query parameters and the answer."""

from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import Parameter

from boxoffice.application.models.pagination import MAX_PAGE, MAX_PAGE_SIZE, Page, PageRequest

T = TypeVar("T")

PageNumber = Annotated[int, Parameter(ge=1, le=MAX_PAGE, description="page number, from 1")]
PageSize = Annotated[int, Parameter(ge=1, le=MAX_PAGE_SIZE, description="items per page, 1-100")]


def page_request(page: int, size: int) -> PageRequest:
    return PageRequest(page, size)


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
