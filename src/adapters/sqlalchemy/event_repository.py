from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy import imported_events
from boxoffice.adapters.sqlalchemy.event_filters import conditions, ordering
from boxoffice.adapters.sqlalchemy.event_rows import EVENTS_WITH_EXTRAS, event_columns, to_event
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.adapters.sqlalchemy.tables import bookings, events, registrations, tickets
from boxoffice.adapters.sqlalchemy.types import Money
from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.models.stats import EventStats
from boxoffice.domain.errors import CapacityBelowSeatsTaken, Conflict
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.listings import EventSource


class SqlAlchemyEventRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, event: Event) -> None:
        values = {"id": event.id, "created_at": event.created_at, "created_by": event.created_by}
        values |= {"seats_taken": event.seats_taken, "attachment_id": event.attachment_id}
        values |= event_columns(event)
        await self._conn.execute(insert(events).values(values))
        await imported_events.write_children(self._conn, event)

    async def get(self, event_id: UUID) -> Event | None:
        statement = EVENTS_WITH_EXTRAS.where(events.c.id == event_id)
        row = (await self._conn.execute(statement)).first()
        return None if row is None else to_event(row)

    async def save(self, event: Event) -> None:
        capacity = event.details.capacity
        statement = (
            update(events)
            .where(events.c.id == event.id, events.c.seats_taken <= capacity)
            .values(event_columns(event) | {"attachment_id": event.attachment_id})
        )
        if (await self._conn.execute(statement)).rowcount != 1:
            # Deleted, or seats were taken since the event was read: say which, with today's count.
            taken = await self._conn.scalar(
                select(events.c.seats_taken).where(events.c.id == event.id)
            )
            if taken is None:
                raise EventNotFound
            raise CapacityBelowSeatsTaken(capacity or 0, taken)
        await imported_events.write_children(self._conn, event, replace=True)

    async def delete(self, event_id: UUID) -> None:
        try:
            await self._conn.execute(delete(events).where(events.c.id == event_id))
        except IntegrityError as e:
            raise Conflict("the event has bookings or registrations; cancel it instead") from e

    async def list(self, query: EventFilter, now: datetime) -> Page[Event]:
        """Whole aggregates, for use cases that change them; readers use the read side."""
        where, params = conditions(query, now)
        _, order_by = ordering(query)
        statement = EVENTS_WITH_EXTRAS.where(*where).order_by(*order_by)
        rows, total = await fetch_page(self._conn, statement, query.page, params)
        return Page([to_event(row) for row in rows], query.page.page, query.page.size, total)

    async def get_by_external_id(self, source: EventSource, external_id: str) -> Event | None:
        statement = EVENTS_WITH_EXTRAS.where(
            events.c.source == source.value, events.c.external_id == external_id
        )
        row = (await self._conn.execute(statement)).first()
        return None if row is None else to_event(row)

    async def content_hashes(
        self, source: EventSource, external_ids: Sequence[str]
    ) -> dict[str, str]:
        return await imported_events.content_hashes(self._conn, source, external_ids)

    async def upsert_imported(self, event: Event, now: datetime) -> ImportOutcome:
        return await imported_events.upsert(self._conn, event, now)

    async def claim_seats(self, event_id: UUID, quantity: int, now: datetime) -> bool:
        statement = (
            update(events)
            .where(
                events.c.id == event_id,
                events.c.status == EventStatus.ACTIVE.value,
                events.c.start_time > now,
                events.c.seats_taken + quantity <= events.c.capacity,
            )
            .values(seats_taken=events.c.seats_taken + quantity)
        )
        return (await self._conn.execute(statement)).rowcount == 1

    async def release_seats(self, event_id: UUID, quantity: int) -> None:
        await self._conn.execute(
            update(events)
            .where(events.c.id == event_id)
            .values(seats_taken=events.c.seats_taken - quantity)
        )

    async def stats(self, event_id: UUID) -> EventStats:
        of_event = bookings.c.event_id == event_id
        confirmed = of_event & (bookings.c.status == "confirmed")

        def count(table: Any, *where: ColumnElement[bool]) -> Any:
            return select(func.count()).select_from(table).where(*where).scalar_subquery()

        sold = tickets.join(bookings, tickets.c.booking_id == bookings.c.id)
        total = func.coalesce(func.sum(bookings.c.total_amount), 0, type_=Money())
        revenue = select(total).where(confirmed)
        row = (
            await self._conn.execute(
                select(
                    count(bookings, confirmed).label("bookings"),
                    count(bookings, of_event, bookings.c.status == "cancelled").label("cancelled"),
                    count(sold, confirmed, tickets.c.status != "cancelled").label("tickets"),
                    count(registrations, registrations.c.event_id == event_id).label("regs"),
                    revenue.scalar_subquery().label("revenue"),
                    events.c.currency,
                    events.c.seats_taken,
                    events.c.capacity,
                ).where(events.c.id == event_id)
            )
        ).one()
        return EventStats(
            bookings=row.bookings,
            cancelled_bookings=row.cancelled,
            tickets_sold=row.tickets,
            registrations=row.regs,
            revenue=row.revenue,
            currency=row.currency,
            seats_taken=row.seats_taken,
            capacity=row.capacity,
        )
