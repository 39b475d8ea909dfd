from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.event_filters import conditions
from boxoffice.adapters.sqlalchemy.tables import saved_events
from boxoffice.adapters.sqlalchemy.user_event_links import UserEventLinks
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.saved_events import SavedEvent


class SqlAlchemySavedEventRepository(UserEventLinks):
    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__(conn, saved_events, "saved_at")

    async def list_for_user(
        self, user_id: UUID, query: EventFilter, now: datetime
    ) -> Page[SavedEvent]:
        where, params = conditions(query, now)
        rows, total = await self.page_for_user(user_id, where, query.page, params)
        items = [SavedEvent(event, saved_at) for event, saved_at in rows]
        return Page(items, query.page.page, query.page.size, total)

    async def saved_among(self, user_id: UUID, event_ids: Sequence[UUID]) -> dict[UUID, datetime]:
        return await self.linked_among(user_id, event_ids)
