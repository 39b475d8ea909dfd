"""Events to rows and back: our own events, and imported ones with their seller's listing."""

from typing import Any

from sqlalchemy import Row, String, cast, func, select

from boxoffice.adapters.sqlalchemy.tables import (
    attachments,
    event_attractions,
    event_tags,
    events,
    venues,
)
from boxoffice.domain.clock import TimeSlot
from boxoffice.domain.events import Event, EventDetails, EventStatus
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.listings import EventSource, Listing, PriceRange, SaleStatus, Venue

# An event's tags and attractions come along as one string each in the same row (string_agg /
# group_concat), so a page of events is one statement. Neither may contain control characters,
# so this one separates them safely.
SEPARATOR = "\x1f"
TAG_LIST = (
    select(func.aggregate_strings(event_tags.c.tag, SEPARATOR))
    .where(event_tags.c.event_id == events.c.id)
    .scalar_subquery()
    .label("tag_list")
)
# String aggregates have no defined order (and SQLite before 3.44 cannot ORDER BY inside one),
# so each attraction carries its position, fixed-width, and is put in place after reading.
POSITION_OFFSET = 100_000  # six digits for any position below 900,000
ATTRACTION_LIST = (
    select(
        func.aggregate_strings(
            cast(event_attractions.c.position + POSITION_OFFSET, String)
            .concat(":")
            .concat(event_attractions.c.name),
            SEPARATOR,
        )
    )
    .where(event_attractions.c.event_id == events.c.id)
    .scalar_subquery()
    .label("attraction_list")
)
# The chosen attachment, else the first one.
SHOWN_ATTACHMENT = func.coalesce(
    events.c.attachment_id,
    select(attachments.c.id)
    .where(attachments.c.event_id == events.c.id)
    .order_by(attachments.c.created_at, attachments.c.id)
    .limit(1)
    .scalar_subquery(),
).label("shown_attachment_id")
VENUE_COLUMNS = [c.label(f"venue_{c.name}") for c in venues.c if c.name != "id"]
EVENTS_WITH_EXTRAS = select(
    events, TAG_LIST, ATTRACTION_LIST, SHOWN_ATTACHMENT, *VENUE_COLUMNS
).select_from(events.outerjoin(venues, venues.c.id == events.c.venue_id))


def event_columns(event: Event) -> dict[str, Any]:
    """Every column an update may change (not id, created_*, seats_taken or synced_at)."""
    d = event.details
    columns = {
        "title": d.title,
        "description": d.description,
        "location": d.location,
        "city": d.city,
        "start_time": d.slot.start,
        "end_time": d.slot.end,
        "timezone": d.slot.timezone,
        "capacity": d.capacity,
        "price": d.price,
        "currency": d.currency,
        "status": event.status.value,
        "source": event.source.value,
        "registration_requires_sign_in": event.registration_requires_sign_in,
        "latitude": d.coordinates.latitude if d.coordinates else None,
        "longitude": d.coordinates.longitude if d.coordinates else None,
    }
    return columns | listing_columns(event.listing)


def listing_columns(listing: Listing | None) -> dict[str, Any]:
    if listing is None:
        return {"external_id": None, "url": None}
    prices = listing.price_range
    return {
        "external_id": listing.external_id,
        "url": listing.url,
        "sale_status": listing.status.value,
        "date_tba": listing.date_tba,
        "time_tba": listing.time_tba,
        "no_specific_time": listing.no_specific_time,
        "end_estimated": listing.end_estimated,
        "local_date": listing.local_date,
        "local_time": listing.local_time,
        "segment": listing.segment,
        "genre": listing.genre,
        "price_min": prices.minimum if prices else None,
        "price_max": prices.maximum if prices else None,
        "image_url": listing.image_url,
        "public_sale_start": listing.public_sale_start,
        "public_sale_end": listing.public_sale_end,
        "venue_id": listing.venue.id if listing.venue else None,
    }


def venue_columns(venue: Venue) -> dict[str, Any]:
    return {
        "id": venue.id,
        "source": venue.source.value,
        "external_id": venue.external_id,
        "name": venue.name,
        "city": venue.city,
        "state": venue.state,
        "country_code": venue.country_code,
        "address": venue.address,
        "postal_code": venue.postal_code,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "timezone": venue.timezone,
    }


def to_event(row: Row[Any]) -> Event:
    details = EventDetails(
        title=row.title,
        location=row.location,
        slot=TimeSlot(row.start_time, row.end_time, row.timezone),
        capacity=row.capacity,
        description=row.description,
        city=row.city,
        price=row.price,
        currency=row.currency,
        tags=tuple(split_list(row.tag_list)),
        coordinates=coordinates_of(row),
    )
    return Event(
        id=row.id,
        details=details,
        created_at=row.created_at,
        created_by=row.created_by,
        status=EventStatus(row.status),
        seats_taken=row.seats_taken,
        listing=None if row.source == EventSource.LOCAL.value else listing_of(row),
        registration_requires_sign_in=row.registration_requires_sign_in,
        attachment_id=row.attachment_id,
        shown_attachment_id=row.shown_attachment_id,
    )


def coordinates_of(row: Row[Any]) -> Coordinates | None:
    if row.latitude is None or row.longitude is None:
        return None
    return Coordinates(row.longitude, row.latitude)


def split_list(joined: str | None) -> list[str]:
    return joined.split(SEPARATOR) if joined else []


def _in_position_order(joined: str | None) -> tuple[str, ...]:
    return tuple(item.partition(":")[2] for item in sorted(split_list(joined)))


def listing_of(row: Row[Any]) -> Listing:
    source = EventSource(row.source)
    prices = None
    if row.price_min is not None:
        prices = PriceRange(row.price_min, row.price_max, row.currency)
    return Listing(
        source=source,
        external_id=row.external_id,
        url=row.url,
        status=SaleStatus(row.sale_status or "unknown"),
        date_tba=row.date_tba,
        time_tba=row.time_tba,
        no_specific_time=row.no_specific_time,
        end_estimated=row.end_estimated,
        local_date=row.local_date,
        local_time=row.local_time,
        segment=row.segment,
        genre=row.genre,
        price_range=prices,
        image_url=row.image_url,
        public_sale_start=row.public_sale_start,
        public_sale_end=row.public_sale_end,
        venue=_venue(row) if row.venue_external_id is not None else None,
        attractions=_in_position_order(row.attraction_list),
    )


def _venue(row: Row[Any]) -> Venue:
    return Venue(
        source=EventSource(row.venue_source),
        external_id=row.venue_external_id,
        name=row.venue_name,
        city=row.venue_city,
        state=row.venue_state,
        country_code=row.venue_country_code,
        address=row.venue_address,
        postal_code=row.venue_postal_code,
        latitude=row.venue_latitude,
        longitude=row.venue_longitude,
        timezone=row.venue_timezone,
    )
