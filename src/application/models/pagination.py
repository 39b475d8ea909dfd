"""Pages of results, the same shape for every list."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from boxoffice.domain.errors import InvalidValue

T = TypeVar("T")
U = TypeVar("U")
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
# Lists that may be long count their total only this far past the page's first item: a page
# then costs the same however many items match (see Page.total_is_exact).
TOTAL_BOUND = 1000


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int = 1
    size: int = 20

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise InvalidValue("page", f"must be between 1 and {MAX_PAGE}")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise InvalidValue("size", f"must be between 1 and {MAX_PAGE_SIZE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    size: int
    total: int
    total_is_exact: bool = True  # False: there are at least `total` (counting stopped there)

    def map(self, fn: Callable[[T], U]) -> "Page[U]":
        items = [fn(item) for item in self.items]
        return Page(items, self.page, self.size, self.total, self.total_is_exact)
