"""Query parameters shared by the list endpoints."""

from typing import Annotated

from litestar.params import Parameter

from boxoffice.application.models.pagination import MAX_PAGE, MAX_PAGE_SIZE, PageRequest

PageNumber = Annotated[int, Parameter(ge=1, le=MAX_PAGE, description="page number, from 1")]
PageSize = Annotated[int, Parameter(ge=1, le=MAX_PAGE_SIZE, description="items per page, 1-100")]
BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]


def page_request(page: int, size: int) -> PageRequest:
    return PageRequest(page, size)
