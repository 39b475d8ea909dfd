from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sqlalchemy.paging import fetch_page
from adapters.sqlalchemy.tables import bookings, event_tags, events, registrations, tickets
from adapters.sqlalchemy.types import Money
from application.errors import EventNotFound
from application.pagination import Page
from application.queries import EventFilter
from application.stats import EventStats
from domain.clock import TimeSlot
from domain.errors import CapacityBelowSeatsTaken, Conflict
from domain.events import Event, EventDetails, EventStatus


def _columns(event: Event) -> dict[str, Any]:
    d = event.details
    return {
        "title": d.title,
        "description": d.description,
        "location": d.location,
        "city": d.city,
        "start_time": d.slot.start,
        "end_time": d.slot.end,
        "timezone": d.slot.timezone,
        "capacity": d.capacity,
        "price": d.price,
        "currency": d.currency,
        "status": event.status.value,
    }


# An event's tags come along as one string in the same row (string_agg / group_concat), so a
# page of events is one statement. Tags cannot contain control characters, so this one
# separates them safely.
TAG_SEPARATOR = "\x1f"
_tag_list = (
    select(func.aggregate_strings(event_tags.c.tag, TAG_SEPARATOR))
    .where(event_tags.c.event_id == events.c.id)
    .scalar_subquery()
    .label("tag_list")
)
_with_tags = select(events, _tag_list)


def _event(row: Row[Any]) -> Event:
    tags = row.tag_list.split(TAG_SEPARATOR) if row.tag_list else ()
    details = EventDetails(
        title=row.title,
        location=row.location,
        slot=TimeSlot(row.start_time, row.end_time, row.timezone),
        capacity=row.capacity,
        description=row.description,
        city=row.city,
        price=row.price,
        currency=row.currency,
        tags=tuple(tags),
    )
    return Event(
        id=row.id,
        details=details,
        created_at=row.created_at,
        created_by=row.created_by,
        status=EventStatus(row.status),
        seats_taken=row.seats_taken,
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(query: EventFilter, now: datetime) -> list[ColumnElement[bool]]:
    where = [events.c.status == query.status.value]
    if query.starts_from is not None:
        where.append(events.c.start_time >= query.starts_from)
    elif query.status is EventStatus.ACTIVE:
        where.append(events.c.end_time > now)
    if query.starts_before is not None:
        where.append(events.c.start_time < query.starts_before)
    if query.city:
        where.append(func.lower(events.c.city) == query.city.strip().lower())
    if query.tag:
        tagged = select(event_tags.c.event_id).where(event_tags.c.tag == query.tag.strip().lower())
        where.append(events.c.id.in_(tagged))
    if query.text:
        pattern = f"%{_escape_like(query.text.strip().lower())}%"
        columns = (events.c.title, events.c.description, events.c.location)
        where.append(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    return where


class SqlAlchemyEventRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, event: Event) -> None:
        values = {"id": event.id, "created_at": event.created_at, "created_by": event.created_by}
        values |= {"seats_taken": event.seats_taken} | _columns(event)
        await self._conn.execute(insert(events).values(values))
        await self._write_tags(event)

    async def get(self, event_id: UUID) -> Event | None:
        row = (await self._conn.execute(_with_tags.where(events.c.id == event_id))).first()
        return None if row is None else _event(row)

    async def save(self, event: Event) -> None:
        capacity = event.details.capacity
        statement = (
            update(events)
            .where(events.c.id == event.id, events.c.seats_taken <= capacity)
            .values(_columns(event))
        )
        if (await self._conn.execute(statement)).rowcount != 1:
            # Deleted, or seats were taken since the event was read: say which, with today's count.
            taken = await self._conn.scalar(
                select(events.c.seats_taken).where(events.c.id == event.id)
            )
            if taken is None:
                raise EventNotFound
            raise CapacityBelowSeatsTaken(capacity, taken)
        await self._conn.execute(delete(event_tags).where(event_tags.c.event_id == event.id))
        await self._write_tags(event)

    async def delete(self, event_id: UUID) -> None:
        try:
            await self._conn.execute(delete(events).where(events.c.id == event_id))
        except IntegrityError as e:
            raise Conflict("the event has bookings or registrations; cancel it instead") from e

    async def list(self, query: EventFilter, now: datetime) -> Page[Event]:
        statement = _with_tags.where(*_conditions(query, now)).order_by(
            events.c.start_time, events.c.id
        )
        rows, total = await fetch_page(self._conn, statement, query.page)
        return Page([_event(row) for row in rows], query.page.page, query.page.size, total)

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

    async def _write_tags(self, event: Event) -> None:
        if event.details.tags:
            rows = [{"event_id": event.id, "tag": tag} for tag in event.details.tags]
            await self._conn.execute(insert(event_tags), rows)
