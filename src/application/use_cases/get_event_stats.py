from uuid import UUID

from boxoffice.application.models.stats import EventStats
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event


class GetEventStats:
    """Bookings, tickets sold, registrations and revenue of one event, for its owner or an admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal, event_id: UUID) -> EventStats:
        async with self._uow as uow:
            require_event_manager(actor, await load_event(uow, event_id))
            return await uow.events.stats(event_id)
