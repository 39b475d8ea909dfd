"""The query parameters that filter a list of events, shared by /events and /my/events."""

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

import msgspec
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import Parameter, QueryParameter

from boxoffice.application.models.queries import EventFilter
from boxoffice.domain.clock import to_utc
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.events import MAX_CITY, MAX_TAG_LENGTH, EventStatus
from boxoffice.domain.listings import EventSource
from boxoffice.entrypoints.edge.paging import PageNumber, PageSize, page_request

T = TypeVar("T", date, datetime)
Text = Annotated[
    str | None, Parameter(max_length=100, description="words in title, description or location")
]
_MOMENT = (
    "; a date (`2026-12-01`) or an RFC 3339 date-time (`2026-12-01T18:00:00`, `...+05:30`), "
    "read in `tz` when it has no offset"
)
# For the API document only: the parser below is what decides (a calendar check included).
_MOMENT_PATTERN = {
    "pattern": r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?)?$"
}
_SHAPE = re.compile(_MOMENT_PATTERN["pattern"])
StartsFrom = Annotated[
    str | None,
    QueryParameter(
        name="from",
        max_length=40,
        description="events starting at or after this moment (a date: from its start)" + _MOMENT,
        schema_extra=_MOMENT_PATTERN,
    ),
]
StartsBefore = Annotated[
    str | None,
    QueryParameter(
        name="to",
        max_length=40,
        description="events starting before this moment (a date: up to its end)" + _MOMENT,
        schema_extra=_MOMENT_PATTERN,
    ),
]
Source = Annotated[
    EventSource | None,
    QueryParameter(
        description="`local` or `ticketmaster`; on /events the latter refreshes "
        "a stale market from Ticketmaster first"
    ),
]


async def event_filter(
    display_zone: NamedDependency[ZoneInfo],
    page: PageNumber = 1,
    size: PageSize = 20,
    q: Text = None,
    city: Annotated[str | None, Parameter(max_length=MAX_CITY)] = None,
    starts_from: StartsFrom = None,
    starts_before: StartsBefore = None,
    status: Annotated[EventStatus, QueryParameter()] = EventStatus.ACTIVE,
    tag: Annotated[str | None, Parameter(max_length=MAX_TAG_LENGTH)] = None,
    source: Source = None,
) -> EventFilter:
    return EventFilter(
        page=page_request(page, size),
        text=q,
        city=city,
        starts_from=moment(starts_from, display_zone, "from", day_end=False),
        starts_before=moment(starts_before, display_zone, "to", day_end=True),
        status=status,
        tag=tag,
        source=source,
    )


def moment(raw: str | None, tz: ZoneInfo, name: str, *, day_end: bool) -> datetime | None:
    """The UTC instant a `from`/`to` value means: a date-time as given (read in `tz` without
    an offset), or a date's first instant in `tz` (for `to`, the next day's, so that
    `from=D&to=D` is the whole day D). Nothing else: no Unix timestamps, no numbers."""
    if raw is None:
        return None
    if len(raw) == len("2026-12-01"):
        return _day_start(_decode(raw, date, name), tz, name, 1 if day_end else 0)
    return to_utc(_decode(raw, datetime, name), tz, name)


def _decode(raw: str, kind: type[T], name: str) -> T:
    try:
        return msgspec.json.decode(msgspec.json.encode(raw), type=kind, strict=True)
    except msgspec.ValidationError:
        if _SHAPE.match(raw):  # written as the document says, but no such day or time
            raise InvalidValue(name, f"{raw} is not a date and time on the calendar") from None
        message = "must be a date (YYYY-MM-DD) or an RFC 3339 date-time"
        error = {"key": name, "source": "query", "message": message}
        raise ValidationException(f"{name} {message}", extra=[error]) from None


def _day_start(day: date, tz: ZoneInfo, name: str, days_later: int) -> datetime:
    # Midnight inside a DST gap reads with the offset before the change: the day's first
    # instant, where to_utc would refuse it as a time that does not exist.
    try:
        start = datetime.combine(day + timedelta(days=days_later), time(), tzinfo=tz)
        return start.astimezone(UTC)
    except OverflowError as e:
        raise InvalidValue(name, f"{day.isoformat()} is out of range") from e
