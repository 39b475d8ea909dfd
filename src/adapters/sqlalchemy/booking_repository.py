from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.errors import violates
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.adapters.sqlalchemy.tables import bookings, tickets
from boxoffice.application.errors import DuplicateIdempotencyKey
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.domain.bookings import Booking, BookingStatus
from boxoffice.domain.tickets import Ticket, TicketCode, TicketStatus

CONFIRMED = BookingStatus.CONFIRMED.value
CANCELLED = BookingStatus.CANCELLED.value


def _booking(row: Row[Any], booking_tickets: list[Ticket]) -> Booking:
    return Booking(
        id=row.id,
        user_id=row.user_id,
        event_id=row.event_id,
        quantity=row.quantity,
        unit_price=row.unit_price,
        currency=row.currency,
        booked_at=row.booked_at,
        tickets=booking_tickets,
        status=BookingStatus(row.status),
        idempotency_key=row.idempotency_key,
        cancelled_at=row.cancelled_at,
    )


class SqlAlchemyBookingRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, booking: Booking) -> None:
        values = {
            "id": booking.id,
            "user_id": booking.user_id,
            "event_id": booking.event_id,
            "quantity": booking.quantity,
            "unit_price": booking.unit_price,
            "total_amount": booking.total,
            "currency": booking.currency,
            "status": booking.status.value,
            "booked_at": booking.booked_at,
            "cancelled_at": booking.cancelled_at,
            "idempotency_key": booking.idempotency_key,
        }
        try:
            await self._conn.execute(insert(bookings).values(values))
        except IntegrityError as e:
            key = "uq_bookings_user_id_idempotency_key"
            if violates(e, key, "bookings.user_id, bookings.idempotency_key"):
                raise DuplicateIdempotencyKey from e
            raise
        rows = [
            {"booking_id": booking.id, "code": t.code.value, "status": t.status.value}
            for t in booking.tickets
        ]
        await self._conn.execute(insert(tickets), rows)

    async def get(self, booking_id: UUID) -> Booking | None:
        return await self._one(bookings.c.id == booking_id)

    async def get_by_idempotency_key(self, user_id: UUID, key: str) -> Booking | None:
        return await self._one(bookings.c.user_id == user_id, bookings.c.idempotency_key == key)

    async def mark_cancelled(self, booking_id: UUID, now: datetime) -> bool:
        result = await self._conn.execute(
            update(bookings)
            .where(bookings.c.id == booking_id, bookings.c.status == CONFIRMED)
            .values(status=CANCELLED, cancelled_at=now)
        )
        if result.rowcount != 1:
            return False
        await self._cancel_tickets(tickets.c.booking_id == booking_id)
        return True

    async def cancel_all_for_event(self, event_id: UUID, now: datetime) -> int:
        confirmed = select(bookings.c.id).where(
            bookings.c.event_id == event_id, bookings.c.status == CONFIRMED
        )
        await self._cancel_tickets(tickets.c.booking_id.in_(confirmed))
        result = await self._conn.execute(
            update(bookings)
            .where(bookings.c.event_id == event_id, bookings.c.status == CONFIRMED)
            .values(status=CANCELLED, cancelled_at=now)
        )
        return result.rowcount

    async def any_for_event(self, event_id: UUID) -> bool:
        query = select(exists().where(bookings.c.event_id == event_id))
        return bool(await self._conn.scalar(query))

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Booking]:
        return await self._page(bookings.c.user_id == user_id, page)

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Booking]:
        return await self._page(bookings.c.event_id == event_id, page)

    async def _page(self, where: ColumnElement[bool], page: PageRequest) -> Page[Booking]:
        query = select(bookings).where(where).order_by(bookings.c.booked_at.desc(), bookings.c.id)
        rows, total = await fetch_page(self._conn, query, page)
        return Page(await self._with_tickets(rows), page.page, page.size, total)

    async def _one(self, *where: ColumnElement[bool]) -> Booking | None:
        row = (await self._conn.execute(select(bookings).where(*where))).first()
        return None if row is None else (await self._with_tickets([row]))[0]

    async def _with_tickets(self, rows: Sequence[Row[Any]]) -> list[Booking]:
        found: dict[UUID, list[Ticket]] = defaultdict(list)
        if rows:
            query = (
                select(tickets.c.booking_id, tickets.c.code, tickets.c.status)
                .where(tickets.c.booking_id.in_([row.id for row in rows]))
                .order_by(tickets.c.id)
            )
            for booking_id, code, status in await self._conn.execute(query):
                found[booking_id].append(Ticket(TicketCode(code), TicketStatus(status)))
        return [_booking(row, found[row.id]) for row in rows]

    async def _cancel_tickets(self, where: ColumnElement[bool]) -> None:
        await self._conn.execute(
            update(tickets)
            .where(where, tickets.c.status == TicketStatus.ACTIVE.value)
            .values(status=TicketStatus.CANCELLED.value)
        )
