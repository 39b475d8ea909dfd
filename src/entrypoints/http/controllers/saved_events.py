"""Saved events (favourites): save, unsave, and list one's own.

`event_id` here is a string: our event's UUID, or a Ticketmaster event id such as
`vvG1zZ9KbkY3jK`, which is fetched and stored when it is not stored yet.
"""

from typing import Annotated
from zoneinfo import ZoneInfo

from litestar import Controller, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.saved_events import SavedEvent
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.list_saved_events import (
    ListSavedEvents,
    ListSavedEventsQuery,
)
from boxoffice.application.use_cases.save_event import SaveEvent, SaveEventCommand
from boxoffice.application.use_cases.unsave_event import UnsaveEvent, UnsaveEventCommand
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageOut
from boxoffice.entrypoints.http.schemas.events import EventOut

EventRef = Annotated[
    str,
    Parameter(
        min_length=1,
        max_length=100,
        description="our event's UUID, or a Ticketmaster event id",
    ),
]


def saved_out(saved: SavedEvent, tz: ZoneInfo) -> EventOut:
    return EventOut.from_event(saved.event, tz, saved=True, saved_at=saved.saved_at)


class SavedEventController(Controller):
    tags = ["saved events"]
    security = BEARER

    @post(
        "/events/{event_id:str}/save",
        summary="Save an event (201), or find it already saved (200)",
    )
    async def save_event(
        self,
        event_id: EventRef,
        principal: NamedDependency[Principal],
        save_event: NamedDependency[SaveEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> Response[EventOut]:
        result = await save_event.execute(SaveEventCommand(principal, event_id))
        status = HTTP_201_CREATED if result.created else HTTP_200_OK
        return Response(saved_out(result.saved, display_zone), status_code=status)

    @delete(
        "/events/{event_id:str}/save",
        status_code=HTTP_204_NO_CONTENT,
        summary="Unsave an event (204, also when it was not saved)",
    )
    async def unsave_event(
        self,
        event_id: EventRef,
        principal: NamedDependency[Principal],
        unsave_event: NamedDependency[UnsaveEvent],
    ) -> None:
        await unsave_event.execute(UnsaveEventCommand(principal, event_id))

    @get("/my/events", summary="The caller's saved events, newest save first")
    async def my_events(
        self,
        principal: NamedDependency[Principal],
        list_saved_events: NamedDependency[ListSavedEvents],
        display_zone: NamedDependency[ZoneInfo],
        event_filter: NamedDependency[EventFilter],
    ) -> PageOut[EventOut]:
        found = await list_saved_events.execute(ListSavedEventsQuery(principal, event_filter))
        return PageOut.of(found.map(lambda s: saved_out(s, display_zone)))
