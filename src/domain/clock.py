"""Time zone rules: IANA zones, local wall-clock times and slots stored in UTC.

Nothing here reads the clock: callers pass `now` in.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from boxoffice.domain.errors import InvalidValue

DEFAULT_ZONE = "Asia/Kolkata"
MAX_ZONE_NAME = 64
EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, tzinfo=UTC)


def zone(name: str, field: str = "timezone") -> ZoneInfo:
    """The IANA zone called `name`; anything else is an InvalidValue naming `field`."""
    if not name or len(name) > MAX_ZONE_NAME or name.startswith(("/", ".")) or ".." in name:
        raise InvalidValue(field, f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as e:
        raise InvalidValue(field, f"unknown time zone {name!r}") from e


def to_utc(moment: datetime, tz: ZoneInfo, field: str) -> datetime:
    """An aware UTC instant for `moment`; a naive `moment` is wall-clock time in `tz`.

    A wall-clock time that the zone skips (a DST gap) does not exist and is refused.
    One that occurs twice (a DST fold) means its first occurrence, as calendars do.
    """
    try:
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(UTC)
        local = moment.replace(tzinfo=tz, fold=0)
        instant = local.astimezone(UTC)
        wall_clock = instant.astimezone(tz).replace(tzinfo=None)
    except OverflowError as e:  # within hours of year 1 or 9999
        raise InvalidValue(field, f"{moment.isoformat()} is out of range") from e
    if wall_clock != moment.replace(tzinfo=None, fold=0):
        raise InvalidValue(field, f"{moment.isoformat()} does not exist in {tz.key} (DST gap)")
    return instant


@dataclass(frozen=True, slots=True)
class TimeSlot:
    """When an event happens: two UTC instants and the zone the organiser thinks in."""

    start: datetime
    end: datetime
    timezone: str = DEFAULT_ZONE

    def __post_init__(self) -> None:
        zone(self.timezone)
        for name in ("start", "end"):
            value = getattr(self, name)
            if value.tzinfo is None or value.utcoffset() is None:
                raise InvalidValue(f"{name}_time", "must carry a UTC offset")
            object.__setattr__(self, name, value.astimezone(UTC))
            if not EARLIEST <= getattr(self, name) <= LATEST:
                # Rendered in any zone (offsets reach 26 hours apart) it must stay a datetime.
                raise InvalidValue(f"{name}_time", "must be between the years 2 and 9998")
        if self.end <= self.start:
            raise InvalidValue("end_time", "must be after start_time")

    @classmethod
    def from_local(cls, start: datetime, end: datetime, timezone: str = DEFAULT_ZONE) -> "TimeSlot":
        """A slot from times that may be naive, read as wall-clock time in `timezone`."""
        tz = zone(timezone)
        return cls(to_utc(start, tz, "start_time"), to_utc(end, tz, "end_time"), timezone)

    def in_zone(self, name: str) -> tuple[datetime, datetime]:
        tz = zone(name, "tz")
        return self.start.astimezone(tz), self.end.astimezone(tz)

    def has_started(self, now: datetime) -> bool:
        return self.start <= now

    def has_ended(self, now: datetime) -> bool:
        return self.end <= now
