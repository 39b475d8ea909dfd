from uuid import UUID

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.event_views import EventView
from boxoffice.application.ports.event_reads import EventReads
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event


async def load_event(uow: UnitOfWork, event_id: UUID) -> Event:
    """The event, or EventNotFound; call inside an open unit of work."""
    event = await uow.events.get(event_id)
    if event is None:
        raise EventNotFound
    return event


class GetEvent:
    def __init__(self, reads: EventReads) -> None:
        self._reads = reads

    async def execute(self, event_id: UUID) -> EventView:
        view = await self._reads.one(event_id)
        if view is None:
            raise EventNotFound
        return view
