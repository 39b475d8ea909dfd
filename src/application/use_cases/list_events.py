from application.pagination import Page
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork
from application.queries import EventFilter
from domain.events import Event


class ListEvents:
    """Public browsing: active events not yet over by default, soonest first."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, query: EventFilter) -> Page[Event]:
        async with self._uow as uow:
            return await uow.events.list(query, self._clock.now())
