from dataclasses import dataclass

from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.saved_events import SavedEvent
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class ListSavedEventsQuery:
    actor: Principal
    filter: EventFilter


class ListSavedEvents:
    """The caller's saved events, newest save first, filtered like the public list."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, query: ListSavedEventsQuery) -> Page[SavedEvent]:
        now = self._clock.now()
        async with self._uow as uow:
            return await uow.saved_events.list_for_user(query.actor.user_id, query.filter, now)
