"""The read side of events: answers for lists and single events, without a transaction."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter


class EventReads(Protocol):
    async def page(
        self, query: EventFilter, now: datetime, viewer: UUID | None = None
    ) -> Page[EventView]:
        """One page of `query`, soonest first (ties by id). With a `viewer`, each view says
        whether they saved it, and a viewer who is no user (any more) raises NotAuthenticated.
        `total` is exact up to a bound (see `Page.total_is_exact`)."""

    async def one(self, event_id: UUID) -> EventView | None: ...

    async def saved_among(self, viewer: UUID, event_ids: Sequence[UUID]) -> frozenset[UUID]:
        """Which of `event_ids` the viewer saved, in one small read of the viewer's own rows;
        a viewer who is no user (any more) raises NotAuthenticated."""
