from dataclasses import dataclass
from uuid import UUID

from application.pagination import Page
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork
from application.queries import EventFilter
from domain.events import Event
from domain.geo import distance_km


@dataclass(frozen=True, slots=True)
class ListedEvent:
    event: Event
    saved: bool | None = None  # whether the viewer saved it; None for an anonymous viewer
    distance_km: float | None = None  # from the filter's `near` centre, when one was given


class ListEvents:
    """Public browsing: active events not yet over by default, soonest first.

    A signed-in viewer also learns which of the page's events they saved, in one more query.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, query: EventFilter, viewer: UUID | None = None) -> Page[ListedEvent]:
        async with self._uow as uow:
            found = await uow.events.list(query, self._clock.now())
            saved = None
            if viewer is not None:
                saved = await uow.saved_events.saved_among(viewer, [e.id for e in found.items])
        return found.map(
            lambda e: ListedEvent(e, None if saved is None else e.id in saved, _distance(query, e))
        )


def _distance(query: EventFilter, event: Event) -> float | None:
    where = event.details.coordinates
    if query.near is None or where is None:
        return None
    return distance_km(query.near.center, where)
