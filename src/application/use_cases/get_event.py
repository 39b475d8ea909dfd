from uuid import UUID

from application.errors import EventNotFound
from application.ports.unit_of_work import UnitOfWork
from domain.events import Event


async def load_event(uow: UnitOfWork, event_id: UUID) -> Event:
    """The event, or EventNotFound; call inside an open unit of work."""
    event = await uow.events.get(event_id)
    if event is None:
        raise EventNotFound
    return event


class GetEvent:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, event_id: UUID) -> Event:
        async with self._uow as uow:
            return await load_event(uow, event_id)
