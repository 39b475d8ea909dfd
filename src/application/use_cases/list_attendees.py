from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.registrations import Registration


@dataclass(frozen=True, slots=True)
class ListAttendeesQuery:
    actor: Principal
    event_id: UUID
    page: PageRequest


class ListAttendees:
    """Registered attendees in order of registration; e-mails are personal data, so owner/admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListAttendeesQuery) -> Page[Registration]:
        async with self._uow as uow:
            require_event_manager(query.actor, await load_event(uow, query.event_id))
            return await uow.registrations.list_for_event(query.event_id, query.page)
