from datetime import datetime
from uuid import UUID

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.message_tables import event_subscriptions
from boxoffice.adapters.sqlalchemy.tables import saved_events
from boxoffice.adapters.sqlalchemy.user_event_links import UserEventLinks
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.subscriptions import Subscription


class SqlAlchemySubscriptionRepository(UserEventLinks):
    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__(conn, event_subscriptions, "subscribed_at")

    async def subscribed_at(self, user_id: UUID, event_id: UUID) -> datetime | None:
        return (await self.linked_among(user_id, [event_id])).get(event_id)

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Subscription]:
        rows, total = await self.page_for_user(user_id, (), page)
        items = [Subscription(event, at) for event, at in rows]
        return Page(items, page.page, page.size, total)

    async def audience(self, event_id: UUID) -> set[UUID]:
        subscribers = select(event_subscriptions.c.user_id).where(
            event_subscriptions.c.event_id == event_id
        )
        savers = select(saved_events.c.user_id).where(saved_events.c.event_id == event_id)
        rows = await self._conn.execute(union(subscribers, savers))
        return {row[0] for row in rows}
