"""Rows that tie a user to an event at a moment: saves and subscriptions share this code."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.event_rows import EVENTS_WITH_EXTRAS, to_event
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.adapters.sqlalchemy.tables import events
from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.pagination import PageRequest
from boxoffice.domain.events import Event


class UserEventLinks:
    """One row per (user_id, event_id) in `table`, stamped in its column `at`."""

    def __init__(self, conn: AsyncConnection, table: Table, at: str) -> None:
        self._conn = conn
        self._table = table
        self._at = table.c[at]

    async def add(self, user_id: UUID, event_id: UUID, at: datetime) -> bool:
        # The primary key decides in the same statement, so two racing adds store one row.
        dialect: Any = postgresql if self._conn.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(self._table)
            .values({"user_id": user_id, "event_id": event_id, self._at.name: at})
            .on_conflict_do_nothing(index_elements=["user_id", "event_id"])
            .returning(self._table.c.event_id)  # a row back only when it was inserted
        )
        try:
            result = await self._conn.execute(statement)
        except IntegrityError as e:  # the event was deleted meanwhile (foreign key)
            raise EventNotFound from e
        return result.first() is not None

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        t = self._table
        await self._conn.execute(delete(t).where(t.c.user_id == user_id, t.c.event_id == event_id))

    async def linked_among(self, user_id: UUID, event_ids: Sequence[UUID]) -> dict[UUID, datetime]:
        if not event_ids:
            return {}
        t = self._table
        rows = await self._conn.execute(
            select(t.c.event_id, self._at).where(
                t.c.user_id == user_id, t.c.event_id.in_(list(event_ids))
            )
        )
        return {row[0]: row[1] for row in rows}

    async def page_for_user(
        self,
        user_id: UUID,
        where: Sequence[ColumnElement[bool]],
        page: PageRequest,
        params: dict[str, Any] | None = None,
    ) -> tuple[list[tuple[Event, datetime]], int]:
        """The user's linked events that `where` matches, newest link first."""
        t = self._table
        statement = (
            EVENTS_WITH_EXTRAS.add_columns(self._at.label("linked_at_"))
            .join(t, t.c.event_id == events.c.id)
            .where(t.c.user_id == user_id, *where)
            .order_by(self._at.desc(), events.c.id)
        )
        rows, total = await fetch_page(self._conn, statement, page, params)
        return [(to_event(row), row.linked_at_) for row in rows], total
