"""Pages of results, the same shape for every list."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.errors import InvalidValue

T = TypeVar("T")
U = TypeVar("U")
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000


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

    def map(self, fn: Callable[[T], U]) -> "Page[U]":
        return Page([fn(item) for item in self.items], self.page, self.size, self.total)
