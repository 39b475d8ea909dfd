"""The query parameters that filter a list of events, shared by /events and /my/events."""

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from litestar.di import NamedDependency
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
StartsFrom = Annotated[datetime | None, QueryParameter(name="from", description="from " + _MOMENT)]
StartsBefore = Annotated[
    datetime | None, QueryParameter(name="to", description="before " + _MOMENT)
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
        starts_from=None if starts_from is None else to_utc(starts_from, display_zone, "from"),
        starts_before=None if starts_before is None else to_utc(starts_before, display_zone, "to"),
        status=status,
        tag=tag,
        source=source,
    )
