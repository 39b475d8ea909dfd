"""An in-memory TicketmasterGateway: pages of mapped events, and a fault after some pages."""

from collections.abc import AsyncIterator
from datetime import datetime

from boxoffice.application.ports.ticketmaster import (
    FetchedPage,
    MarketQuery,
    UpstreamError,
    UpstreamUnavailable,
)
from boxoffice.domain.events import Event


class FakeTicketmasterGateway:
    def __init__(self, pages: list[list[Event]], fail_after: int | None = None) -> None:
        self.pages = pages
        self.fail_after = fail_after  # pages served before raising `failure`
        self.failure: UpstreamError = UpstreamUnavailable("Ticketmaster answered 503 (4 attempts)")
        self._used = 0

    @property
    def requests_used(self) -> int:
        return self._used

    async def search(self, query: MarketQuery, now: datetime) -> AsyncIterator[FetchedPage]:
        total = sum(len(p) for p in self.pages)
        for number, page in enumerate(self.pages):
            self._used += 1
            if self.fail_after is not None and number >= self.fail_after:
                raise self.failure
            yield FetchedPage(list(page), [], total)

    async def event(self, external_id: str, now: datetime) -> Event | None:
        self._used += 1
        if self.fail_after == 0:
            raise self.failure
        found = (e for page in self.pages for e in page)
        return next((e for e in found if e.listing and e.listing.external_id == external_id), None)
