from uuid import UUID

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.bookings import Booking


class ListEventBookings:
    """An event's bookings, newest first, for its owner or an admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal, event_id: UUID, page: PageRequest) -> Page[Booking]:
        async with self._uow as uow:
            require_event_manager(actor, await load_event(uow, event_id))
            return await uow.bookings.list_for_event(event_id, page)
