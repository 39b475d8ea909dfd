from dataclasses import replace
from uuid import UUID

from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.event_reads import EventReads
from boxoffice.domain.geo import distance_km


class ListEvents:
    """Public browsing: active events not yet over by default, soonest first.

    A signed-in viewer also learns which of the page's events they saved, in the same read.
    With `near`, each event also says how far it is from the centre.
    """

    def __init__(self, reads: EventReads, clock: Clock) -> None:
        self._reads = reads
        self._clock = clock

    async def execute(self, query: EventFilter, viewer: UUID | None = None) -> Page[EventView]:
        found = await self._reads.page(query, self._clock.now(), viewer)
        if query.near is None:
            return found
        center = query.near.center
        return found.map(
            lambda view: (
                view
                if view.coordinates is None
                else replace(view, distance_km=distance_km(center, view.coordinates))
            )
        )
