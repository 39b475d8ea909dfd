from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sqlalchemy.event_repository import conditions
from adapters.sqlalchemy.event_rows import EVENTS_WITH_EXTRAS, to_event
from adapters.sqlalchemy.paging import fetch_page
from adapters.sqlalchemy.tables import events, saved_events
from application.errors import EventNotFound
from application.pagination import Page
from application.ports.saved_events import SavedEvent
from application.queries import EventFilter


class SqlAlchemySavedEventRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, user_id: UUID, event_id: UUID, saved_at: datetime) -> bool:
        # The primary key decides in the same statement, so two racing saves store one row.
        dialect: Any = postgresql if self._conn.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(saved_events)
            .values(user_id=user_id, event_id=event_id, saved_at=saved_at)
            .on_conflict_do_nothing(index_elements=["user_id", "event_id"])
            .returning(saved_events.c.event_id)  # a row back only when it was inserted
        )
        try:
            result = await self._conn.execute(statement)
        except IntegrityError as e:  # the event was deleted meanwhile (foreign key)
            raise EventNotFound from e
        return result.first() is not None

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        await self._conn.execute(
            delete(saved_events).where(
                saved_events.c.user_id == user_id, saved_events.c.event_id == event_id
            )
        )

    async def list_for_user(
        self, user_id: UUID, query: EventFilter, now: datetime
    ) -> Page[SavedEvent]:
        statement = (
            EVENTS_WITH_EXTRAS.add_columns(saved_events.c.saved_at.label("saved_at_"))
            .join(saved_events, saved_events.c.event_id == events.c.id)
            .where(saved_events.c.user_id == user_id, *conditions(query, now))
            .order_by(saved_events.c.saved_at.desc(), events.c.id)
        )
        rows, total = await fetch_page(self._conn, statement, query.page)
        items = [SavedEvent(to_event(row), row.saved_at_) for row in rows]
        return Page(items, query.page.page, query.page.size, total)

    async def saved_among(self, user_id: UUID, event_ids: Sequence[UUID]) -> dict[UUID, datetime]:
        if not event_ids:
            return {}
        rows = await self._conn.execute(
            select(saved_events.c.event_id, saved_events.c.saved_at).where(
                saved_events.c.user_id == user_id, saved_events.c.event_id.in_(list(event_ids))
            )
        )
        return {row.event_id: row.saved_at for row in rows}
