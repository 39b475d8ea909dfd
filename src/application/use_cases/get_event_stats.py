from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.models.stats import EventStats
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event


@dataclass(frozen=True, slots=True)
class EventStatsQuery:
    actor: Principal
    event_id: UUID


class GetEventStats:
    """Bookings, tickets sold, registrations and revenue of one event, for its owner or an admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: EventStatsQuery) -> EventStats:
        async with self._uow as uow:
            require_event_manager(query.actor, await load_event(uow, query.event_id))
            return await uow.events.stats(query.event_id)
