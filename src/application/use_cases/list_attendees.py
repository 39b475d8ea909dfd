from uuid import UUID

from application.auth import Principal, require_event_manager
from application.pagination import Page, PageRequest
from application.ports.unit_of_work import UnitOfWork
from application.use_cases.get_event import load_event
from domain.registrations import Registration


class ListAttendees:
    """Registered attendees in order of registration; e-mails are personal data, so owner/admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Principal, event_id: UUID, page: PageRequest
    ) -> Page[Registration]:
        async with self._uow as uow:
            require_event_manager(actor, await load_event(uow, event_id))
            return await uow.registrations.list_for_event(event_id, page)
