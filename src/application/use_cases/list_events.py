from collections.abc import Callable
from dataclasses import dataclass, replace

from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.event_reads import EventReads
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.limits import caller_key
from boxoffice.application.use_cases.refresh_market import MarketRefresh, RefreshMarket
from boxoffice.domain.geo import distance_km
from boxoffice.domain.listings import EventSource


@dataclass(frozen=True, slots=True)
class ListEventsQuery:
    filter: EventFilter
    viewer: Principal | None = None
    client: str = ""  # the caller's network address: whom an anonymous refresh counts

    @property
    def refreshes_imports(self) -> bool:
        """A list of Ticketmaster's events first refreshes its market when that is stale."""
        return self.filter.source is EventSource.TICKETMASTER

    @property
    def for_everyone(self) -> "ListEventsQuery":
        """The same list without a viewer: the page every caller shares (a viewer's own
        flags are read apart, by MarkSavedEvents)."""
        return replace(self, viewer=None)


@dataclass(frozen=True, slots=True)
class EventList:
    page: Page[EventView]
    stale: str | None = None  # why the imported part of the page may be out of date


class ListEvents:
    """Public browsing: active events not yet over by default, soonest first.

    A signed-in viewer also learns which of the page's events they saved, in the same read.
    With `near`, each event also says how far it is from the centre.
    """

    def __init__(
        self,
        reads: EventReads,
        clock: Clock,
        refresh_market: Callable[[], RefreshMarket] | None = None,  # built only when asked
    ) -> None:
        self._reads = reads
        self._clock = clock
        self._refresh_market = refresh_market

    async def execute(self, query: ListEventsQuery) -> EventList:
        stale = await self._refresh(query)
        viewer = query.viewer.user_id if query.viewer else None
        found = await self._reads.page(query.filter, self._clock.now(), viewer)
        return EventList(_with_distances(found, query.filter), stale)

    async def _refresh(self, query: ListEventsQuery) -> str | None:
        if not query.refreshes_imports or self._refresh_market is None:
            return None
        caller = caller_key(query.viewer, query.client)
        refresh = MarketRefresh(query.filter.city, query.filter.text, caller)
        return await self._refresh_market().execute(refresh)


def _with_distances(found: Page[EventView], query: EventFilter) -> Page[EventView]:
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
