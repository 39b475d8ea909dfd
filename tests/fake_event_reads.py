"""The read side of events over the in-memory store, for use-case tests and the contract."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import TOTAL_BOUND, Page
from boxoffice.application.models.queries import EventFilter
from tests.fakes import InMemoryStore, InMemoryUnitOfWork


class InMemoryEventReads:
    def __init__(self, store: InMemoryStore, total_bound: int = TOTAL_BOUND) -> None:
        self._store = store
        self._total_bound = total_bound

    async def page(
        self, query: EventFilter, now: datetime, viewer: UUID | None = None
    ) -> Page[EventView]:
        async with InMemoryUnitOfWork(self._store) as uow:
            found = await uow.events.list(query, now)
            saved = {}
            if viewer is not None:
                if await uow.users.get(viewer) is None:
                    raise NotAuthenticated("the account of this token no longer exists")
                saved = await uow.saved_events.saved_among(viewer, [e.id for e in found.items])
        views = [EventView.of(e, None if viewer is None else e.id in saved) for e in found.items]
        count_limit = query.page.offset + self._total_bound + 1
        total = min(found.total, count_limit)
        return Page(views, found.page, found.size, total, total < count_limit)

    async def one(self, event_id: UUID) -> EventView | None:
        async with InMemoryUnitOfWork(self._store) as uow:
            event = await uow.events.get(event_id)
        return None if event is None else EventView.of(event)

    async def saved_among(self, viewer: UUID, event_ids: Sequence[UUID]) -> frozenset[UUID]:
        async with InMemoryUnitOfWork(self._store) as uow:
            if await uow.users.get(viewer) is None:
                raise NotAuthenticated("the account of this token no longer exists")
            return frozenset(await uow.saved_events.saved_among(viewer, list(event_ids)))
