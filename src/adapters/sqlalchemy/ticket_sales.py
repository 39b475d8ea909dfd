"""Selling seats at the database's limit: the claim, the booking and its tickets in one step.

On PostgreSQL that step is one statement in its own transaction (autocommit): the event's row
is locked from the conditional UPDATE to the commit that ends the same statement, never across
a round trip to this process, so concurrent buyers of one event queue only for as long as
PostgreSQL itself needs. SQLite runs the same three writes in one serial transaction.
"""

from typing import Any

from sqlalchemy import String, bindparam, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.sqlalchemy.booking_repository import SqlAlchemyBookingRepository
from adapters.sqlalchemy.errors import outages_as_unavailable, violates
from adapters.sqlalchemy.tables import events
from adapters.sqlalchemy.types import Money, UtcDateTime
from application.errors import DuplicateIdempotencyKey, NotAuthenticated
from domain.bookings import Booking, BookingRequest, BookingStatus
from domain.events import EventStatus
from domain.tickets import TicketStatus

IDEMPOTENCY_KEY = "uq_bookings_user_id_idempotency_key"
USER_KEY = "fk_bookings_user_id_users"
NO_ACCOUNT = "the account of this token no longer exists"

# Event.take_seats in SQL: an active event that has not started and has the seats. Imported
# events have no capacity (their seller sells them), so `<= capacity` is never true for them.
_SELL = (
    text(
        """
WITH claimed AS (
    UPDATE events SET seats_taken = seats_taken + :quantity
    WHERE id = :event_id AND status = :active AND start_time > :now
      AND seats_taken + :quantity <= capacity
    RETURNING price, currency
), booked AS (
    INSERT INTO bookings (id, user_id, event_id, quantity, unit_price, total_amount,
                          currency, status, booked_at, idempotency_key)
    SELECT :booking_id, :user_id, :event_id, :quantity, price, price * :quantity,
           currency, :confirmed, :now, :idempotency_key
    FROM claimed
    RETURNING id
), ticketed AS (
    INSERT INTO tickets (booking_id, code, status)
    SELECT booked.id, code, :ticket_active FROM booked, unnest(CAST(:codes AS text[])) AS code
)
SELECT price, currency FROM claimed
"""
    )
    .bindparams(
        bindparam("now", type_=UtcDateTime()),
        bindparam("codes"),
    )
    .columns(price=Money(), currency=String())
)


class SqlAlchemyTicketSales:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._single_statement = engine.dialect.name == "postgresql"
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def sell(self, request: BookingRequest) -> Booking | None:
        try:
            with outages_as_unavailable():
                if self._single_statement:
                    return await self._sell_in_one_statement(request)
                return await self._sell_in_one_transaction(request)
        except IntegrityError as e:
            if violates(e, IDEMPOTENCY_KEY, "bookings.user_id, bookings.idempotency_key"):
                raise DuplicateIdempotencyKey from e
            if violates(e, USER_KEY, "FOREIGN KEY constraint failed"):
                raise NotAuthenticated(NO_ACCOUNT) from e
            raise

    async def _sell_in_one_statement(self, request: BookingRequest) -> Booking | None:
        async with self._autocommit.connect() as conn:
            row = (await conn.execute(_SELL, _parameters(request))).first()
        return None if row is None else request.priced(row.price, row.currency)

    async def _sell_in_one_transaction(self, request: BookingRequest) -> Booking | None:
        async with self._engine.begin() as conn:
            row = (await conn.execute(_claim(request))).first()
            if row is None:
                return None
            booking = request.priced(row.price, row.currency)
            await _add(conn, booking)
        return booking


def _parameters(request: BookingRequest) -> dict[str, Any]:
    return {
        "booking_id": request.booking_id,
        "user_id": request.user_id,
        "event_id": request.event_id,
        "quantity": request.quantity,
        "now": request.requested_at,
        "idempotency_key": request.idempotency_key,
        "codes": [code.value for code in request.codes],
        "active": EventStatus.ACTIVE.value,
        "confirmed": BookingStatus.CONFIRMED.value,
        "ticket_active": TicketStatus.ACTIVE.value,
    }


def _claim(request: BookingRequest) -> Any:
    return (
        update(events)
        .where(
            events.c.id == request.event_id,
            events.c.status == EventStatus.ACTIVE.value,
            events.c.start_time > request.requested_at,
            events.c.seats_taken + request.quantity <= events.c.capacity,
        )
        .values(seats_taken=events.c.seats_taken + request.quantity)
        .returning(events.c.price, events.c.currency)
    )


async def _add(conn: AsyncConnection, booking: Booking) -> None:
    await SqlAlchemyBookingRepository(conn).add(booking)
