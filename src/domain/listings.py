"""Events we list but do not sell: what an outside ticket seller tells us about them.

An imported event is an ordinary `Event` (browsable, filterable, saveable) that carries a
`Listing`: where it comes from, its seller's page and status, and the facts the seller gives
that our own events do not have. It has no capacity here, so it cannot be booked here.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from boxoffice.domain.errors import InvalidValue


class EventSource(StrEnum):
    LOCAL = "local"
    TICKETMASTER = "ticketmaster"


class SaleStatus(StrEnum):
    """The seller's status; `unknown` when missing or not one we know."""

    ONSALE = "onsale"
    OFFSALE = "offsale"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"
    POSTPONED = "postponed"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, code: str | None) -> "SaleStatus":
        cleaned = (code or "").strip().lower()
        if cleaned == "canceled":  # the API's documented spelling; real data says "cancelled"
            return cls.CANCELLED
        try:
            return cls(cleaned)
        except ValueError:
            return cls.UNKNOWN


@dataclass(frozen=True, slots=True)
class Venue:
    source: EventSource
    external_id: str
    name: str
    city: str = ""
    state: str = ""
    country_code: str = ""
    address: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    timezone: str | None = None

    def __post_init__(self) -> None:
        if not self.external_id.strip():
            raise InvalidValue("venue.id", "must not be empty")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise InvalidValue("venue.latitude", "must be between -90 and 90")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise InvalidValue("venue.longitude", "must be between -180 and 180")

    @property
    def id(self) -> UUID:
        return stable_id("venue", self.source, self.external_id)


@dataclass(frozen=True, slots=True)
class PriceRange:
    minimum: Decimal
    maximum: Decimal
    currency: str

    def __post_init__(self) -> None:
        if self.minimum < 0 or self.maximum < self.minimum:
            raise InvalidValue("price_range", "must satisfy 0 <= min <= max")


@dataclass(frozen=True, slots=True)
class Listing:
    """What the seller says beyond an event's title, place and time."""

    source: EventSource
    external_id: str
    url: str
    status: SaleStatus = SaleStatus.UNKNOWN
    date_tba: bool = False
    time_tba: bool = False
    no_specific_time: bool = False
    end_estimated: bool = False  # the seller gave no end: the end of the local day stands in
    local_date: date | None = None
    local_time: time | None = None
    segment: str | None = None
    genre: str | None = None
    price_range: PriceRange | None = None
    image_url: str | None = None
    public_sale_start: datetime | None = None
    public_sale_end: datetime | None = None
    venue: Venue | None = None
    attractions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.source is EventSource.LOCAL:
            raise InvalidValue("source", "a listing comes from an outside seller")
        if not self.external_id.strip() or len(self.external_id) > 64:
            raise InvalidValue("external_id", "must be 1 to 64 characters")
        if not self.url.startswith(("https://", "http://")):
            raise InvalidValue("url", "must be an http(s) URL")

    @property
    def event_id(self) -> UUID:
        """The same seller's id always gives the same id here, so re-imports find their row."""
        return stable_id("event", self.source, self.external_id)

    @property
    def time_known(self) -> bool:
        return not (self.date_tba or self.time_tba or self.no_specific_time)


def stable_id(kind: str, source: EventSource, external_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"boxoffice:{kind}:{source.value}:{external_id}")


def content_hash(*parts: object) -> str:
    """A digest of everything stored about an imported event: equal digests, nothing to write."""
    canonical = json.dumps(
        [asdict(p) if hasattr(p, "__dataclass_fields__") else p for p in parts],  # type: ignore[call-overload]
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
