"""The query parameters that filter a list of events, shared by /events and /my/events."""

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import msgspec
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import Parameter, QueryParameter

from application.queries import EventFilter
from domain.clock import to_utc
from domain.events import EventStatus
from domain.listings import EventSource
from entrypoints.http.controllers.params import PageNumber, PageSize, page_request

Text = Annotated[
    str | None, Parameter(max_length=100, description="words in title, description or location")
]
_MOMENT = "the start time; ISO 8601, and without an offset read in `tz`"
# Read as text and parsed strictly below: Litestar's lenient conversion took `to=0.5` for a
# moment in 1970 (a number of seconds since the epoch).


def _moment_parameter(name: str, description: str) -> QueryParameter:
    extra = {"format": "date-time"}
    return QueryParameter(name=name, max_length=64, description=description, schema_extra=extra)


StartsFrom = Annotated[str | None, _moment_parameter("from", "from " + _MOMENT)]
StartsBefore = Annotated[str | None, _moment_parameter("to", "before " + _MOMENT)]
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
    city: Annotated[str | None, Parameter(max_length=100)] = None,
    starts_from: StartsFrom = None,
    starts_before: StartsBefore = None,
    status: Annotated[EventStatus, QueryParameter()] = EventStatus.ACTIVE,
    tag: Annotated[str | None, Parameter(max_length=30)] = None,
    source: Source = None,
) -> EventFilter:
    return EventFilter(
        page=page_request(page, size),
        text=q,
        city=city,
        starts_from=_moment(starts_from, display_zone, "from"),
        starts_before=_moment(starts_before, display_zone, "to"),
        status=status,
        tag=tag,
        source=source,
    )


def _moment(value: str | None, display_zone: ZoneInfo, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = msgspec.convert(value, datetime, strict=True)
    except msgspec.ValidationError as e:
        error = {"key": name, "source": "query", "message": f"not an ISO 8601 date-time: {e}"}
        raise ValidationException(f"{name}: not an ISO 8601 date-time", extra=[error]) from e
    return to_utc(moment, display_zone, name)
