"""A market the scheduled sync keeps fresh: where and what to import, and how far ahead."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from boxoffice.application.ports.ticketmaster import MarketQuery

MAX_DAYS = 365


class InvalidMarket(ValueError):
    """A market that cannot be synced; the message says which part is wrong."""


@dataclass(frozen=True, slots=True)
class Market:
    country_code: str | None = None
    city: str | None = None
    keyword: str | None = None
    classification: str | None = None
    days: int = 30

    def __post_init__(self) -> None:
        if not any((self.country_code, self.city, self.keyword, self.classification)):
            raise InvalidMarket("needs one of country, city, keyword, classification")
        code = self.country_code
        if code is not None and not (len(code) == 2 and code.isascii() and code.isalpha()):
            raise InvalidMarket(f"country must be a two-letter ISO 3166 code, not {code!r}")
        if not 1 <= self.days <= MAX_DAYS:
            raise InvalidMarket(f"days must be between 1 and {MAX_DAYS}, not {self.days}")

    def query(self, now: datetime) -> MarketQuery:
        """The events starting from `now` to `days` ahead."""
        return MarketQuery(
            now,
            now + timedelta(days=self.days),
            self.country_code,
            self.city,
            self.keyword,
            self.classification,
        )

    @property
    def name(self) -> str:
        """The key of the market's sync lease (the same whatever the window)."""
        return self.query(datetime.min).market
