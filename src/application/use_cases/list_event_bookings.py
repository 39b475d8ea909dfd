from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.bookings import Booking


@dataclass(frozen=True, slots=True)
class ListEventBookingsQuery:
    actor: Principal
    event_id: UUID
    page: PageRequest


class ListEventBookings:
    """An event's bookings, newest first, for its owner or an admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListEventBookingsQuery) -> Page[Booking]:
        async with self._uow as uow:
            require_event_manager(query.actor, await load_event(uow, query.event_id))
            return await uow.bookings.list_for_event(query.event_id, query.page)
