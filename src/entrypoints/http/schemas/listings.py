"""What an imported event's seller says about it, on the wire."""

from datetime import date, datetime, time, tzinfo
from decimal import Decimal

import msgspec

from boxoffice.domain.listings import Listing, SaleStatus, Venue


class VenueOut(msgspec.Struct):
    id: str
    name: str
    city: str
    state: str
    country_code: str
    address: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    timezone: str | None

    @classmethod
    def from_venue(cls, venue: Venue) -> "VenueOut":
        return cls(
            id=venue.external_id,
            name=venue.name,
            city=venue.city,
            state=venue.state,
            country_code=venue.country_code,
            address=venue.address,
            postal_code=venue.postal_code,
            latitude=venue.latitude,
            longitude=venue.longitude,
            timezone=venue.timezone,
        )


class PriceRangeOut(msgspec.Struct):
    min: Decimal
    max: Decimal
    currency: str


class ListingOut(msgspec.Struct):
    """`local_date`/`local_time` are the seller's wall-clock values in the event's zone;
    the TBA flags say which of them (and of the start time) are placeholders."""

    external_id: str
    url: str
    sale_status: SaleStatus
    date_tba: bool
    time_tba: bool
    no_specific_time: bool
    end_estimated: bool
    local_date: date | None
    local_time: time | None
    segment: str | None
    genre: str | None
    price_range: PriceRangeOut | None
    image_url: str | None
    public_sale_start: datetime | None
    public_sale_end: datetime | None
    venue: VenueOut | None
    attractions: list[str]

    @classmethod
    def from_listing(cls, listing: Listing, tz: tzinfo) -> "ListingOut":
        prices = listing.price_range
        return cls(
            external_id=listing.external_id,
            url=listing.url,
            sale_status=listing.status,
            date_tba=listing.date_tba,
            time_tba=listing.time_tba,
            no_specific_time=listing.no_specific_time,
            end_estimated=listing.end_estimated,
            local_date=listing.local_date,
            local_time=listing.local_time,
            segment=listing.segment,
            genre=listing.genre,
            price_range=PriceRangeOut(prices.minimum, prices.maximum, prices.currency)
            if prices
            else None,
            image_url=listing.image_url,
            public_sale_start=_in(listing.public_sale_start, tz),
            public_sale_end=_in(listing.public_sale_end, tz),
            venue=VenueOut.from_venue(listing.venue) if listing.venue else None,
            attractions=list(listing.attractions),
        )


def _in(moment: datetime | None, tz: tzinfo) -> datetime | None:
    return None if moment is None else moment.astimezone(tz)
