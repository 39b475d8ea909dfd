"""An event as a calendar file: what "add to calendar" downloads."""

import re
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from boxoffice.application.use_cases.view_event import ViewEvent, ViewEventQuery
from boxoffice.entrypoints.http.schemas.calendar import event_calendar
from boxoffice.entrypoints.settings import Settings

CALENDAR_TYPE = "text/calendar"  # Litestar adds "; charset=utf-8"


def file_name(title: str) -> str:
    """An ASCII file name from the title, safe inside a quoted header parameter."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60].rstrip("-")
    return f"{stem or 'event'}.ics"


def page_url(request: Request[Any, Any, Any], event_id: UUID) -> str:
    settings: Settings = request.app.state.settings
    base = settings.http.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/ui/events/{event_id}"


class CalendarController(Controller):
    path = "/events"
    tags = ["events"]

    @get(
        "/{event_id:uuid}/calendar.ics",
        summary="One event as an iCalendar file (RFC 5545), to add to a calendar",
        media_type=CALENDAR_TYPE,
    )
    async def calendar(
        self,
        request: Request[Any, Any, Any],
        event_id: FromPath[UUID],
        view_event: NamedDependency[ViewEvent],
    ) -> Response[str]:
        view = await view_event.execute(ViewEventQuery(event_id))
        body = event_calendar(view.event, view.seen_at, page_url(request, event_id))
        disposition = f'attachment; filename="{file_name(view.event.details.title)}"'
        return Response(
            body, media_type=CALENDAR_TYPE, headers={"Content-Disposition": disposition}
        )
