"""The outside seller whose events we list: search them by market, or fetch one by id."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from boxoffice.domain.errors import DomainError
from boxoffice.domain.events import Event


class UpstreamError(DomainError):
    """The seller's API did not give us what we asked for; the message is safe to show."""


class UpstreamUnavailable(UpstreamError):
    """Down, slow, or answering nonsense, after bounded retries."""


class UpstreamRateLimited(UpstreamError):
    """Its quota (or our own daily budget) is used up until `retry_at` (when known)."""

    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class UpstreamRefusedKey(UpstreamError):
    """The API key is missing or wrong: retrying cannot help; the message names the setting."""


@dataclass(frozen=True, slots=True)
class MarketQuery:
    """One market: where and what, over a window of start times."""

    starts_from: datetime
    starts_before: datetime
    country_code: str | None = None
    city: str | None = None
    keyword: str | None = None
    classification: str | None = None

    @property
    def market(self) -> str:
        """The market's name, independent of the window (the key of its sync lease)."""
        parts = (self.country_code, self.city, self.keyword, self.classification)
        return "|".join((p or "").strip().lower() for p in parts)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    events: list[Event]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (external id, reason)
    expected_total: int = 0


class TicketmasterGateway(Protocol):
    @property
    def requests_used(self) -> int:
        """Requests sent by this gateway since it was made (for reports)."""

    def search(self, query: MarketQuery, now: datetime) -> AsyncIterator[FetchedPage]:
        """Every event of the query, page by page, within the API's deep-paging limit
        (a window too large to page through is split into narrower ones)."""

    async def event(self, external_id: str, now: datetime) -> Event | None:
        """One event by the seller's id; None when it does not exist or cannot be listed."""
