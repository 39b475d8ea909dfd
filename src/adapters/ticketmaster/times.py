"""When a Ticketmaster event happens, from its partial and sometimes placeholder dates."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from boxoffice.adapters.ticketmaster import wire
from boxoffice.domain.clock import TimeSlot, to_utc, zone
from boxoffice.domain.errors import InvalidValue

PLACEHOLDER_BEFORE = 1901  # "1900-01-01T06:00:00Z" and friends mean "unknown"


class Unmappable(ValueError):
    """The event lacks something we cannot list it without; the message says what."""


def instant(text: str | None) -> datetime | None:
    """A UTC instant from `YYYY-MM-DDTHH:mm:ssZ`; None when missing, malformed or a placeholder."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None or moment.year < PLACEHOLDER_BEFORE:
        return None
    return moment.astimezone(UTC)


def _local_date(text: str | None) -> date | None:
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return None if day is None or day.year < PLACEHOLDER_BEFORE else day


def _local_time(text: str | None) -> time | None:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class When:
    slot: TimeSlot
    local_date: date
    local_time: time | None
    end_estimated: bool


def when(dates: wire.Dates | None, venue_zone: str | None) -> When:
    """The slot in the event's zone (else the venue's, else UTC for a known instant).

    Without a start time (TBA, no specific time) the start is the local day's midnight; without
    an end, the end of the local day stands in, so "not yet over" filters still work.
    """
    start_info = (dates.start if dates else None) or wire.Moment()
    zone_name = (dates.timezone if dates else None) or venue_zone
    tz = zone(zone_name) if zone_name else None
    start_instant = instant(start_info.dateTime)
    local_day = _local_date(start_info.localDate)
    local_clock = _local_time(start_info.localTime)
    if start_instant is not None:
        tz = tz or zone("UTC")
        if local_day is None:
            local_day = start_instant.astimezone(tz).date()
    elif local_day is None:
        raise Unmappable("no start date (date to be announced)")
    elif tz is None:
        raise Unmappable("a local start date but no time zone, neither the event's nor the venue's")
    else:
        start_instant = _at(local_day, local_clock or time(0), tz)
    assert tz is not None
    end_info = dates.end if dates else None
    end_instant = _end(end_info, tz)
    estimated = end_instant is None or end_instant <= start_instant
    if estimated:
        end_instant = _at(start_instant.astimezone(tz).date() + timedelta(days=1), time(0), tz)
    assert end_instant is not None
    return When(TimeSlot(start_instant, end_instant, tz.key), local_day, local_clock, estimated)


def _end(end: wire.Moment | None, tz: ZoneInfo) -> datetime | None:
    if end is None:
        return None
    reported = instant(end.dateTime)
    if reported is not None:
        return reported
    day = _local_date(end.localDate)
    if day is None:
        return None
    clock = _local_time(end.localTime)
    return _at(day + timedelta(days=1), time(0), tz) if clock is None else _at(day, clock, tz)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    local = datetime.combine(day, clock)
    try:
        return to_utc(local, tz, "start_time")
    except InvalidValue:  # a local time that a DST change skips: an hour later exists
        return to_utc(local + timedelta(hours=1), tz, "start_time")
