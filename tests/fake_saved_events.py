"""In-memory SavedEventRepository, mirroring src/adapters/sqlalchemy/saved_event_repository.py."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.saved_events import SavedEvent
from tests.fake_repositories import event_matches
from tests.fake_tables import FakeRepository, copy_event, page_of, sorted_by, utc


class InMemorySavedEventRepository(FakeRepository):
    async def add(self, user_id: UUID, event_id: UUID, saved_at: datetime) -> bool:
        await self._io()
        if event_id not in self._t.events:
            raise self._fail(EventNotFound())
        if (user_id, event_id) in self._t.saved_events:
            return False
        self._t.saved_events[user_id, event_id] = utc(saved_at)
        return True

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        await self._io()
        self._t.saved_events.pop((user_id, event_id), None)

    async def list_for_user(
        self, user_id: UUID, query: EventFilter, now: datetime
    ) -> Page[SavedEvent]:
        await self._io()
        found = [
            SavedEvent(copy_event(self._t.events[event_id]), saved_at)
            for (owner, event_id), saved_at in self._t.saved_events.items()
            if owner == user_id and event_matches(self._t.events[event_id], query, now)
        ]
        newest = sorted_by(found, lambda s: s.saved_at, lambda s: s.event.id, newest_first=True)
        return page_of(newest, query.page)

    async def saved_among(self, user_id: UUID, event_ids: Sequence[UUID]) -> dict[UUID, datetime]:
        await self._io()
        saved = self._t.saved_events
        return {e: saved[user_id, e] for e in event_ids if (user_id, e) in saved}
