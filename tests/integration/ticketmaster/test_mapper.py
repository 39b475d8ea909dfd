"""Every recorded Discovery API event maps to a domain event, with the values we expect."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import msgspec
import pytest

from boxoffice.adapters.ticketmaster.decoding import map_events
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.listings import EventSource, SaleStatus
from tests.ticketmaster_fixtures import (
    DETAIL,
    DOCS,
    GB,
    LA,
    MX,
    US_ALL,
    raw_events,
    search_fixtures,
)

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def mapped(name: str) -> dict[str, Event]:
    batch = map_events(raw_events(name), NOW)
    assert batch.skipped == []
    return {e.listing.external_id: e for e in batch.events if e.listing}


@pytest.mark.parametrize("name", [*search_fixtures(), DETAIL])
def test_every_recorded_event_maps_without_an_error(name: str) -> None:
    raws = raw_events(name)
    batch = map_events(raws, NOW)
    assert batch.skipped == []
    assert len(batch.events) == len(raws) > 0
    for event in batch.events:
        assert event.source is EventSource.TICKETMASTER
        assert event.details.capacity is None
        assert not event.bookable


def test_a_time_to_be_announced_event_starts_at_its_local_midnight_and_says_so() -> None:
    event = mapped(DOCS)["vvG1VZKS5pr1qy"]
    listing = event.listing
    assert listing is not None
    assert event.details.title == "WGC Cadillac Championship - Sunday Ticket"
    assert listing.time_tba
    assert not listing.no_specific_time
    assert not listing.time_known
    assert listing.local_date == date(2016, 3, 6)
    assert listing.local_time is None
    assert event.details.slot.timezone == "America/New_York"
    assert event.details.slot.start == datetime(2016, 3, 6, 5, tzinfo=UTC)
    assert listing.end_estimated
    assert listing.status is SaleStatus.OFFSALE
    assert listing.price_range is None
    assert (listing.segment, listing.genre) == ("Sports", "Golf")
    assert event.details.tags == ("golf", "sports")


def test_an_event_without_its_own_zone_takes_the_venues_and_without_prices_has_none() -> None:
    event = mapped(US_ALL)["Z7r9jZ1Aefa4U"]
    listing = event.listing
    assert listing is not None
    assert listing.venue is not None
    assert event.details.slot.timezone == "America/Chicago" == listing.venue.timezone
    assert listing.local_time == time(18, 30)
    assert event.details.slot.start == datetime(2019, 9, 7, 23, 30, tzinfo=UTC)
    assert listing.price_range is None
    assert event.details.currency == "XXX"
    assert listing.public_sale_start is None  # recorded as the 1900-01-01 placeholder
    venue = listing.venue
    assert (venue.name, venue.city, venue.country_code) == (
        "Darrell K Royal - Memorial Stadium",
        "Austin",
        "US",
    )


def test_honolulu_local_afternoon_is_the_next_utc_day() -> None:
    event = mapped(US_ALL)["vvG1IZ4JB2gowu"]
    assert event.listing is not None
    assert event.listing.local_date == date(2019, 8, 17)
    assert event.details.slot.start == datetime(2019, 8, 18, 2, tzinfo=UTC)
    assert event.details.slot.end == datetime(2019, 8, 18, 10, tzinfo=UTC)  # local midnight


def test_no_specific_time_is_flagged() -> None:
    listing = mapped(US_ALL)["vvG1YZ4JMnE9B1"].listing
    assert listing is not None
    assert listing.no_specific_time
    assert not listing.time_known
    assert listing.price_range is not None
    assert (listing.price_range.minimum, listing.price_range.maximum) == (
        Decimal("75.00"),
        Decimal("500.00"),
    )


def test_a_cancelled_event_is_cancelled_here_and_keeps_its_standard_price() -> None:
    event = mapped(GB)["1FuYv9b00bZ7GeGe"]
    assert event.status is EventStatus.CANCELLED
    assert event.listing is not None
    assert event.listing.status is SaleStatus.CANCELLED
    assert event.details.price == Decimal("45.00")
    assert event.details.currency == "GBP"
    assert event.details.slot.start == datetime(2020, 6, 3, 18, tzinfo=UTC)  # 19:00 BST


@pytest.mark.parametrize("spelling", ["canceled", "cancelled", "CANCELLED"])
def test_both_spellings_of_cancelled_cancel_the_event(spelling: str) -> None:
    raw = msgspec.json.decode(raw_events(GB)[0])
    raw["dates"]["status"]["code"] = spelling
    [event] = map_events([msgspec.Raw(msgspec.json.encode(raw))], NOW).events
    assert event.status is EventStatus.CANCELLED


def test_a_free_event_has_a_zero_price_range_and_long_names_are_cut() -> None:
    events = mapped(LA)
    free = events["rZ7HnEZ1AKoYuV"].listing
    assert free is not None
    assert free.price_range is not None
    assert free.price_range.maximum == Decimal("0.00")
    long_title = events["rZ7HnEZ1AKfJC7"].details.title
    assert len(long_title) == 100
    assert long_title.endswith("…")


def test_prices_in_pesos_and_the_detail_shape_map_too() -> None:
    detail = mapped(DETAIL)["1Av8ZfaGkwmkMSH"]
    assert detail.details.currency == "MXN"
    assert detail.listing is not None
    assert detail.listing.venue is not None
    assert detail.listing.venue.latitude == pytest.approx(19.4402695)
    assert all(e.details.slot.timezone == "America/Mexico_City" for e in mapped(MX).values())


def test_an_unmappable_event_is_skipped_and_counted_with_its_id() -> None:
    good = raw_events(GB)[0]
    no_date = msgspec.Raw(
        b'{"id": "NODATE1", "name": "Soon", "dates": {"start": {"dateTBA": true}}}'
    )
    broken = msgspec.Raw(b'{"id": "BROKEN1", "dates": {"start": "not an object"}}')
    batch = map_events([no_date, good, broken], NOW)
    assert len(batch.events) == 1
    assert [skipped_id for skipped_id, _ in batch.skipped] == ["NODATE1", "BROKEN1"]
    assert "no start date" in batch.skipped[0][1]


def test_the_same_event_always_gets_the_same_id_and_hash() -> None:
    first, second = map_events(raw_events(GB), NOW), map_events(raw_events(GB), NOW)
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert [e.content_hash() for e in first.events] == [e.content_hash() for e in second.events]
    assert len({e.content_hash() for e in first.events}) == len(first.events)


def test_an_imported_event_is_where_its_venue_says_it_is() -> None:
    located = 0
    batches = [map_events(raw_events(name), NOW) for name in [*search_fixtures(), DETAIL]]
    for event in (e for batch in batches for e in batch.events):
        venue = event.listing.venue if event.listing else None
        if venue is None or venue.latitude is None or venue.longitude is None:
            assert event.details.coordinates is None
        else:
            assert event.details.coordinates == Coordinates(venue.longitude, venue.latitude)
            located += 1
    assert located > 0


def test_the_detail_shape_venue_point_is_read_longitude_first() -> None:
    detail = mapped(DETAIL)["1Av8ZfaGkwmkMSH"]
    assert detail.details.coordinates == Coordinates(-99.2049026, 19.4402695)
