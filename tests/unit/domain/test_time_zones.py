"""Wall-clock times in any IANA zone become UTC instants and come back unchanged."""

import zoneinfo
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from boxoffice.domain.clock import DEFAULT_ZONE, TimeSlot, to_utc, zone
from boxoffice.domain.errors import InvalidValue

ZONES = sorted(zoneinfo.available_timezones())
any_zone = st.sampled_from(ZONES)
wall_clock = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1))
NEW_YORK = "America/New_York"


def exists_in(local: datetime, tz: ZoneInfo) -> bool:
    """Whether some instant shows `local` on the zone's clocks (either side of a transition)."""
    return any(
        local.replace(tzinfo=tz, fold=fold).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
        == local
        for fold in (0, 1)
    )


def test_the_platform_knows_hundreds_of_zones() -> None:
    assert len(ZONES) > 300
    assert DEFAULT_ZONE in ZONES


@settings(max_examples=500, deadline=None)
@given(any_zone, wall_clock)
@example(NEW_YORK, datetime(2026, 3, 8, 2, 30))
@example(NEW_YORK, datetime(2026, 11, 1, 1, 30))
@example("Pacific/Apia", datetime(2011, 12, 30, 12, 0))
@example("Australia/Lord_Howe", datetime(2026, 4, 5, 1, 45))
@example("Atlantic/Azores", datetime(2000, 3, 25, 22, 0))  # the end falls in the gap
def test_a_local_time_round_trips_through_utc_or_is_refused_as_a_dst_gap(
    name: str, local: datetime
) -> None:
    tz = ZoneInfo(name)
    end = local + timedelta(hours=2)
    if not exists_in(local, tz) or not exists_in(end, tz):
        with pytest.raises(InvalidValue, match="DST gap") as refused:
            TimeSlot.from_local(local, end, name)
        assert refused.value.field == ("start_time" if not exists_in(local, tz) else "end_time")
        return
    slot = TimeSlot.from_local(local, end, name)
    assert slot.start.utcoffset() == timedelta(0)
    start, _ = slot.in_zone(name)
    assert start.replace(tzinfo=None) == local


@settings(max_examples=300, deadline=None)
@given(any_zone, any_zone, st.datetimes(min_value=datetime(1971, 1, 1), timezones=st.just(UTC)))
@example("Asia/Kolkata", "UTC", datetime(2038, 1, 19, 2, 0, 0, 376, tzinfo=UTC))
def test_every_display_zone_shows_the_same_instants(
    stored_in: str, shown_in: str, at: datetime
) -> None:
    slot = TimeSlot.from_local(at, at + timedelta(minutes=90), stored_in)

    start, end = slot.in_zone(shown_in)

    # Compared in UTC: Python's == between zones is never true for a wall-clock time that a
    # DST change repeats (PEP 495), and a float timestamp rounds away microseconds.
    assert (start.astimezone(UTC), end.astimezone(UTC)) == (at, at + timedelta(minutes=90))
    assert start.tzinfo == ZoneInfo(shown_in)


def test_a_time_skipped_by_daylight_saving_is_refused() -> None:
    with pytest.raises(InvalidValue, match="does not exist in America/New_York") as raised:
        TimeSlot.from_local(datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 4), NEW_YORK)
    assert raised.value.field == "start_time"


def test_a_time_that_happens_twice_means_its_first_occurrence() -> None:
    slot = TimeSlot.from_local(datetime(2026, 11, 1, 1, 30), datetime(2026, 11, 1, 3), NEW_YORK)

    assert slot.start == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # still EDT, UTC-4
    assert slot.end == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)  # EST by then, UTC-5


def test_the_second_occurrence_of_a_repeated_hour_is_reachable_with_an_explicit_offset() -> None:
    second = datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo(NEW_YORK), fold=1)

    assert to_utc(second, ZoneInfo(NEW_YORK), "start_time") == datetime(
        2026, 11, 1, 6, 30, tzinfo=UTC
    )


def test_naive_times_default_to_india_standard_time() -> None:
    slot = TimeSlot.from_local(datetime(2026, 12, 31, 19, 0), datetime(2026, 12, 31, 23, 0))

    assert slot.timezone == "Asia/Kolkata"
    assert slot.start == datetime(2026, 12, 31, 13, 30, tzinfo=UTC)


def test_times_with_an_offset_keep_their_instant_whatever_the_event_zone() -> None:
    start = datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))

    slot = TimeSlot.from_local(start, start + timedelta(hours=1), "Asia/Tokyo")

    assert slot.start == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    assert slot.timezone == "Asia/Tokyo"


@pytest.mark.parametrize("minutes", [0, -30])
def test_an_event_must_end_after_it_starts(minutes: int) -> None:
    start = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidValue, match="after start_time") as raised:
        TimeSlot(start, start + timedelta(minutes=minutes), "UTC")
    assert raised.value.field == "end_time"


def test_a_slot_refuses_instants_without_an_offset() -> None:
    with pytest.raises(InvalidValue, match="UTC offset"):
        TimeSlot(datetime(2026, 7, 1, 9), datetime(2026, 7, 1, 10, tzinfo=UTC), "UTC")


@pytest.mark.parametrize(
    "name", ["", "Mars/Olympus_Mons", "asia/kolkata", "../etc/passwd", "/etc/localtime", "America"]
)
def test_unknown_zones_are_refused_with_the_field_named(name: str) -> None:
    with pytest.raises(InvalidValue, match="unknown time zone") as raised:
        TimeSlot.from_local(datetime(2026, 7, 1, 9), datetime(2026, 7, 1, 10), name)
    assert raised.value.field == "timezone"


def test_an_unknown_display_zone_is_reported_as_the_tz_parameter() -> None:
    slot = TimeSlot.from_local(datetime(2026, 7, 1, 9), datetime(2026, 7, 1, 10), "UTC")
    with pytest.raises(InvalidValue) as raised:
        slot.in_zone("Nowhere/Special")
    assert raised.value.field == "tz"


def test_zone_gives_the_named_iana_zone() -> None:
    assert zone("Europe/London") == ZoneInfo("Europe/London")


def test_a_slot_has_started_at_its_start_and_ended_at_its_end() -> None:
    start = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    slot = TimeSlot(start, start + timedelta(hours=1), "UTC")
    tick = timedelta(microseconds=1)

    assert (slot.has_started(start - tick), slot.has_started(start)) == (False, True)
    assert (slot.has_ended(slot.end - tick), slot.has_ended(slot.end)) == (False, True)
