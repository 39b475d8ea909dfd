"""Discovery API events (wire Structs) to domain events, one at a time.

An event that cannot be listed raises `Unmappable` naming the reason; the caller skips it.
"""

import unicodedata
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from boxoffice.adapters.ticketmaster import wire
from boxoffice.adapters.ticketmaster.times import Unmappable, instant, when
from boxoffice.domain.errors import DomainError
from boxoffice.domain.events import Event, EventDetails, EventStatus
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.listings import EventSource, Listing, PriceRange, SaleStatus, Venue

NO_CURRENCY = "XXX"  # ISO 4217's code for "no currency": the seller gave no price
PLACEHOLDER_NAMES = {"", "undefined", "other"}
EVENT_PAGE = "https://www.ticketmaster.com/event/{id}"
SOURCE = EventSource.TICKETMASTER

__all__ = ["Unmappable", "to_event"]


def to_event(tm: wire.Event, now: datetime) -> Event:
    """The domain event for one API event; `Unmappable` when it cannot be listed."""
    try:
        return _to_event(tm, now)
    except DomainError as e:
        raise Unmappable(str(e)) from e


def _to_event(tm: wire.Event, now: datetime) -> Event:
    embedded = tm.embedded or wire._EventEmbedded()
    venue = _venue(embedded.venues[0]) if embedded.venues else None
    moment = when(tm.dates, venue.timezone if venue else None)
    start = (tm.dates.start if tm.dates else None) or wire.Moment()
    status = SaleStatus.parse(tm.dates.status.code if tm.dates and tm.dates.status else None)
    segment, genre = _classification(tm.classifications)
    prices = _price_range(tm.priceRanges)
    public = tm.sales.public if tm.sales else None
    listing = Listing(
        source=SOURCE,
        external_id=tm.id,
        url=_url(tm.url) or EVENT_PAGE.format(id=tm.id),
        status=status,
        date_tba=start.dateTBA or start.dateTBD,
        time_tba=start.timeTBA,
        no_specific_time=start.noSpecificTime,
        end_estimated=moment.end_estimated,
        local_date=moment.local_date,
        local_time=moment.local_time,
        segment=segment,
        genre=genre,
        price_range=prices,
        image_url=_best_image(tm.images),
        public_sale_start=instant(public.startDateTime) if public else None,
        public_sale_end=instant(public.endDateTime) if public else None,
        venue=venue,
        attractions=tuple(_clean(a.name, 200) for a in embedded.attractions if a.name.strip())[:20],
    )
    details = EventDetails(
        title=_clean(tm.name, 100) or "Untitled event",
        location=venue.name if venue and venue.name else "To be announced",
        slot=moment.slot,
        capacity=None,
        description=_clean(tm.info or tm.pleaseNote or "", 5000, lines=True),
        city=venue.city if venue else "",
        price=prices.minimum if prices else Decimal("0.00"),
        currency=prices.currency if prices else NO_CURRENCY,
        tags=tuple(_clean(t.lower(), 30) for t in (segment, genre) if t),
        coordinates=_coordinates_of(venue),
    )
    cancelled = status is SaleStatus.CANCELLED
    event_status = EventStatus.CANCELLED if cancelled else EventStatus.ACTIVE
    return Event(listing.event_id, details, created_at=now, status=event_status, listing=listing)


def _clean(text: str, limit: int, *, lines: bool = False) -> str:
    """Trimmed, control characters turned into spaces, cut to `limit` with an ellipsis."""
    keep = "\n\r\t" if lines else ""
    cleaned = "".join(
        " " if unicodedata.category(c) == "Cc" and c not in keep else c for c in text
    ).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _url(text: str | None) -> str | None:
    if text and text.startswith(("https://", "http://")) and len(text) <= 1000:
        return text
    return None


def _venue(tm: wire.Venue) -> Venue | None:
    if not tm.id.strip():
        return None
    location = tm.location or wire._Location()
    address = tm.address or wire._Address()
    lines = (address.line1.strip(), address.line2.strip())
    return Venue(
        source=SOURCE,
        external_id=tm.id.strip(),
        name=_clean(tm.name, 200),
        city=_clean(tm.city.name if tm.city else "", 100),
        state=_clean(tm.state.stateCode or tm.state.name if tm.state else "", 100),
        country_code=(tm.country.countryCode.strip().upper() if tm.country else "")[:2],
        address=_clean(", ".join(line for line in lines if line), 300),
        postal_code=_clean(tm.postalCode, 20),
        latitude=_coordinate(location.latitude, 90),
        longitude=_coordinate(location.longitude, 180),
        timezone=tm.timezone.strip() if tm.timezone and tm.timezone.strip() else None,
    )


def _coordinates_of(venue: Venue | None) -> Coordinates | None:
    """The venue's point; none when it gave only one of the two, or none at all."""
    if venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return Coordinates(venue.longitude, venue.latitude)


def _coordinate(value: str | float | None, bound: float) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and -bound <= number <= bound else None


def _classification(items: list[wire.Classification]) -> tuple[str | None, str | None]:
    chosen = next((c for c in items if c.primary), items[0] if items else None)
    if chosen is None:
        return None, None

    def name(part: wire._Named | None) -> str | None:
        text = part.name.strip() if part else ""
        return None if text.lower() in PLACEHOLDER_NAMES else _clean(text, 30)

    return name(chosen.segment), name(chosen.genre)


def _price_range(items: list[wire.Price]) -> PriceRange | None:
    """The standard price (fees excluded) when given, else the first range with a currency."""
    usable = [p for p in items if p.currency and (p.min is not None or p.max is not None)]
    chosen = next(
        (p for p in usable if (p.type or "") == "standard"), usable[0] if usable else None
    )
    code = (chosen.currency or "").strip().upper() if chosen else ""
    if chosen is None or len(code) != 3 or not code.isalpha():
        return None
    low = chosen.min if chosen.min is not None else chosen.max
    high = chosen.max if chosen.max is not None else chosen.min
    assert low is not None
    assert high is not None
    cent = Decimal("0.01")
    low, high = (v.quantize(cent, ROUND_HALF_UP) for v in sorted((low, high)))
    if low < 0 or high >= Decimal("10000000"):
        return None
    return PriceRange(low, high, code)


def _best_image(images: list[wire.Image]) -> str | None:
    """A real (not generic) 16:9 picture, the widest; else the widest of any."""
    usable = [i for i in images if _url(i.url)]
    if not usable:
        return None
    return max(usable, key=lambda i: (not i.fallback, i.ratio == "16_9", i.width)).url
