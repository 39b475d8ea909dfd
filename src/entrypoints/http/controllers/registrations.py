from uuid import UUID
from zoneinfo import ZoneInfo

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.list_attendees import ListAttendees, ListAttendeesQuery
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
)
from boxoffice.domain.registrations import Registration
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageNumber, PageOut, PageSize, page_request
from boxoffice.entrypoints.http.schemas.events import RegistrationIn, RegistrationOut

SIGNED_IN_OR_NOT: list[dict[str, list[str]]] = [{}, *BEARER]


def _out(registration: Registration, tz: ZoneInfo) -> RegistrationOut:
    return RegistrationOut(
        id=registration.id,
        event_id=registration.event_id,
        name=registration.name,
        email=registration.email,
        registered_at=registration.registered_at.astimezone(tz),
        user_id=registration.user_id,
    )


class RegistrationController(Controller):
    path = "/events/{event_id:uuid}"
    tags = ["registrations"]

    @post(
        "/register",
        summary="Register an attendee by name and e-mail (takes one seat); signed in or not, "
        "unless the event takes signed-in registrations only; limited per client",
        security=SIGNED_IN_OR_NOT,
    )
    async def register(
        self,
        event_id: FromPath[UUID],
        data: JSONBody[RegistrationIn],
        register_attendee: NamedDependency[RegisterAttendee],
        display_zone: NamedDependency[ZoneInfo],
        viewer: NamedDependency[Principal | None],
        client_address: NamedDependency[str],
    ) -> RegistrationOut:
        command = RegisterAttendeeCommand(
            event_id, data.name, data.email, client=client_address, principal=viewer
        )
        return _out(await register_attendee.execute(command), display_zone)

    @get(
        "/attendees",
        summary="Registered attendees, in order of registration (owner or admin)",
        security=BEARER,
    )
    async def attendees(
        self,
        event_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        list_attendees: NamedDependency[ListAttendees],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[RegistrationOut]:
        found = await list_attendees.execute(
            ListAttendeesQuery(principal, event_id, page_request(page, size))
        )
        return PageOut.of(found.map(lambda r: _out(r, display_zone)))
