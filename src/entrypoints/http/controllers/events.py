from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.create_event import CreateEvent
from boxoffice.application.use_cases.delete_event import (
    DeleteEvent,
    DeleteEventCommand,
    DeleteOutcome,
)
from boxoffice.application.use_cases.get_event_stats import EventStatsQuery, GetEventStats
from boxoffice.application.use_cases.list_events import EventList
from boxoffice.application.use_cases.mark_saved_events import SavedAmong
from boxoffice.application.use_cases.update_event import UpdateEvent, UpdateEventCommand
from boxoffice.application.use_cases.view_event import ViewEventQuery
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageOut
from boxoffice.entrypoints.http.answers import answer_of, respond
from boxoffice.entrypoints.http.dependencies import Browsing, Viewing
from boxoffice.entrypoints.http.schemas.events import (
    EventIn,
    EventOut,
    EventPatch,
    EventReplace,
    EventStatsOut,
)


def with_saved(page: PageOut[EventOut], saved: frozenset[UUID]) -> PageOut[EventOut]:
    """The shared page as one caller sees it: copies, so the cached page stays anonymous."""
    items = [msgspec.structs.replace(e, saved=e.id in saved) for e in page.items]
    return msgspec.structs.replace(page, items=items)


def stale_headers(reason: str | None) -> dict[str, str]:
    """Said when the imported part of an answer may be out of date (never a 5xx for it)."""
    if reason is None:
        return {}
    printable = "".join(c if " " <= c <= "~" else " " for c in reason)[:200]
    return {"X-Data-Stale": "true", "X-Data-Stale-Reason": printable}


class EventController(Controller):
    path = "/events"
    tags = ["events"]

    @get("/", summary="Browse events: active and not yet over by default, soonest first")
    async def list_events(
        self, request: Request[Any, Any, Any], browsing: NamedDependency[Browsing]
    ) -> Response[PageOut[EventOut]]:
        query, display_zone, answers = browsing.query, browsing.display_zone, browsing.answers
        browser = query.viewer

        def page_out(listed: EventList) -> PageOut[EventOut]:
            return PageOut.of(listed.page.map(lambda view: EventOut.from_view(view, display_zone)))

        if query.refreshes_imports:  # the refresh may have changed it: read for this caller
            listed = await browsing.list_events.execute(query)
            headers = stale_headers(listed.stale)
            private = browser is not None
            return respond(request, answer_of(page_out(listed)), private=private, headers=headers)

        async def shared() -> PageOut[EventOut]:
            return page_out(await browsing.list_events.execute(query.for_everyone))

        # The page every caller shares; a viewer's own flags on a copy of it.
        key = ("list", query.filter, display_zone.key)
        answer = await answers.get_or_make(key, shared)
        if browser is not None:
            page: PageOut[EventOut] = answer.value
            among = SavedAmong(browser.user_id, tuple(e.id for e in page.items))
            # Kept as the page is: a save or unsave anywhere empties the cache.
            saved = await answers.get_or_compute(
                ("saved", among), lambda: browsing.mark_saved_events.execute(among)
            )
            answer = answer_of(with_saved(page, saved))
        return respond(request, answer, private=browser is not None, headers={})

    @post(
        "/",
        summary="Publish an event (admin, or anyone signed in with open creation)",
        security=BEARER,
    )
    async def create_event(
        self,
        data: JSONBody[EventIn],
        principal: NamedDependency[Principal],
        create_event: NamedDependency[CreateEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> EventOut:
        event = await create_event.execute(data.to_command(principal))
        return EventOut.from_event(event, display_zone)

    @get(
        "/{event_id:uuid}",
        summary="One event; with a bearer token, whether the caller saved and follows it",
    )
    async def get_event(
        self,
        request: Request[Any, Any, Any],
        event_id: FromPath[UUID],
        viewing: NamedDependency[Viewing],
    ) -> Response[EventOut]:
        viewer, display_zone = viewing.viewer, viewing.display_zone
        if viewer is not None:  # the viewer's own flags: never cached, never shared
            viewed = await viewing.view_event.execute(ViewEventQuery(event_id, viewer.user_id))
            body = EventOut.from_event(
                viewed.event, display_zone, saved=viewed.saved, subscribed=viewed.subscribed
            )
            return respond(request, answer_of(body), private=True, headers={})

        async def event() -> EventOut:
            return EventOut.from_view(await viewing.get_event.execute(event_id), display_zone)

        # The same for every anonymous caller, so cached for all of them.
        key = ("one", event_id, display_zone.key)
        return respond(
            request, await viewing.answers.get_or_make(key, event), private=False, headers={}
        )

    @put("/{event_id:uuid}", summary="Replace an event (owner or admin)", security=BEARER)
    async def replace_event(
        self,
        event_id: FromPath[UUID],
        data: JSONBody[EventReplace],
        principal: NamedDependency[Principal],
        update_event: NamedDependency[UpdateEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> EventOut:
        command = UpdateEventCommand(principal, event_id, data.to_changes())
        return EventOut.from_event(await update_event.execute(command), display_zone)

    @patch(
        "/{event_id:uuid}",
        summary="Change some fields of an event (owner or admin)",
        security=BEARER,
    )
    async def patch_event(
        self,
        event_id: FromPath[UUID],
        data: JSONBody[EventPatch],
        principal: NamedDependency[Principal],
        update_event: NamedDependency[UpdateEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> EventOut:
        command = UpdateEventCommand(principal, event_id, data.to_changes())
        return EventOut.from_event(await update_event.execute(command), display_zone)

    @delete(
        "/{event_id:uuid}",
        status_code=HTTP_200_OK,
        summary="Delete an event; one with bookings or registrations is cancelled instead (200)",
        security=BEARER,
    )
    async def delete_event(
        self,
        event_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        delete_event: NamedDependency[DeleteEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> Response[EventOut | None]:
        result = await delete_event.execute(DeleteEventCommand(principal, event_id))
        if result.outcome is DeleteOutcome.DELETED:
            return Response(None, status_code=HTTP_204_NO_CONTENT)
        return Response(EventOut.from_event(result.event, display_zone), status_code=HTTP_200_OK)

    @get(
        "/{event_id:uuid}/stats",
        summary="Bookings, tickets, registrations, revenue",
        security=BEARER,
    )
    async def event_stats(
        self,
        event_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_event_stats: NamedDependency[GetEventStats],
    ) -> EventStatsOut:
        stats = await get_event_stats.execute(EventStatsQuery(principal, event_id))
        return EventStatsOut(
            event_id=event_id,
            bookings=stats.bookings,
            cancelled_bookings=stats.cancelled_bookings,
            tickets_sold=stats.tickets_sold,
            registrations=stats.registrations,
            revenue=stats.revenue,
            currency=stats.currency,
            seats_taken=stats.seats_taken,
            capacity=stats.capacity,
            bookable=stats.bookable,
        )
