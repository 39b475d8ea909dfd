"""Selling seats at the database's limit: the claim, the booking and its tickets in one step.

On PostgreSQL that step is one statement: the event's row is locked from the conditional
UPDATE to the commit, never across a round trip to this process while it serves other
requests. A sale that finds the database idle runs alone in its own transaction (autocommit);
the sales that arrive while others run go together, their statements in one pipeline and one
transaction, in the order of their events' ids (group commit, see batches.py). The statements
go straight to psycopg on a connection of the engine's pool, prepared once per connection:
SQLAlchemy's execution layer would cost more CPU than the rest of the sale. SQLite runs the
same three writes in one serial transaction.
"""

from collections.abc import Awaitable
from typing import Any

import psycopg
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn

from boxoffice.adapters.sqlalchemy.batches import Batches, Failed
from boxoffice.adapters.sqlalchemy.booking_repository import SqlAlchemyBookingRepository
from boxoffice.adapters.sqlalchemy.errors import (
    is_outage,
    outages_as_unavailable,
    unavailable,
    violates,
)
from boxoffice.adapters.sqlalchemy.tables import events
from boxoffice.application.errors import (
    DuplicateIdempotencyKey,
    NotAuthenticated,
    StorageUnavailable,
)
from boxoffice.domain.bookings import Booking, BookingRequest, BookingStatus
from boxoffice.domain.events import EventStatus
from boxoffice.domain.tickets import TicketStatus

IDEMPOTENCY_KEY = "uq_bookings_user_id_idempotency_key"
USER_KEY = "fk_bookings_user_id_users"
NO_ACCOUNT = "the account of this token no longer exists"
_CURSOR = "boxoffice.sale_cursor"
# What ends a batch's transaction with nothing written but says nothing of the others' sales
# (psycopg's DeadlockDetected is an OperationalError, as outages are, so it is named here).
REFUSED_TOGETHER = (
    psycopg.IntegrityError,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.SerializationFailure,
)

# Event.take_seats in SQL: an active event that has not started and has the seats. Imported
# events have no capacity (their seller sells them), so `<= capacity` is never true for them.
SELL = b"""
WITH claimed AS (
    UPDATE events SET seats_taken = seats_taken + %(quantity)s
    WHERE id = %(event_id)s AND status = %(active)s AND start_time > %(now)s
      AND seats_taken + %(quantity)s <= capacity
    RETURNING price, currency
), booked AS (
    INSERT INTO bookings (id, user_id, event_id, quantity, unit_price, total_amount,
                          currency, status, booked_at, idempotency_key)
    SELECT %(booking_id)s, %(user_id)s, %(event_id)s, %(quantity)s, price,
           price * %(quantity)s, currency, %(confirmed)s, %(now)s, %(idempotency_key)s
    FROM claimed
    RETURNING id
), ticketed AS (
    INSERT INTO tickets (booking_id, code, status)
    SELECT booked.id, code, %(ticket_active)s FROM booked, unnest(%(codes)s::text[]) AS code
)
SELECT price, currency FROM claimed
"""


class SqlAlchemyTicketSales:
    def __init__(self, engine: AsyncEngine, batches: int = 2, batch_size: int = 64) -> None:
        """On PostgreSQL, `batches` transactions of sales at once from this process, each of
        at most `batch_size` sales (see batches.py)."""
        self._engine = engine
        self._single_statement = engine.dialect.name == "postgresql"
        self._batches: Batches[BookingRequest, Booking | None] = Batches(
            self._sell_together, at_once=batches, most=batch_size
        )

    async def sell(self, request: BookingRequest) -> Booking | None:
        if not self._single_statement:
            with outages_as_unavailable():
                return await self._sell_in_one_transaction(request)
        return await self._batches.submit(request)

    async def _sell_together(self, requests: list[BookingRequest]) -> list[Booking | Failed | None]:
        if len(requests) == 1:
            return [await _outcome_of(self._sell_alone(requests[0]))]
        # In the order of their events' ids, so that two batches lock shared rows in the
        # same order and never wait for each other in a cycle.
        order = sorted(range(len(requests)), key=lambda i: requests[i].event_id)
        try:
            rows = await self._sell_in_one_transaction_of_many([requests[i] for i in order])
        except REFUSED_TOGETHER:
            # One sale was refused (its key used, its account gone), or the batch met another
            # transaction in a deadlock: nothing was written; each sale is tried on its own.
            return [await _outcome_of(self._sell_alone(r)) for r in requests]
        except Exception as e:
            if not is_outage(e):
                raise
            message = str(unavailable(e))
            return [Failed(StorageUnavailable(message)) for _ in requests]
        outcomes: list[Booking | Failed | None] = [None] * len(requests)
        for i, row in zip(order, rows, strict=True):
            outcomes[i] = None if row is None else requests[i].priced(row[0], row[1])
        return outcomes

    async def _sell_alone(self, request: BookingRequest) -> Booking | None:
        with outages_as_unavailable():
            return await self._sell_in_one_statement(request)

    async def _sell_in_one_transaction_of_many(
        self, requests: list[BookingRequest]
    ) -> list[tuple[Any, ...] | None]:
        pooled = await self._engine.raw_connection()
        try:
            cursor = _cursor_of(pooled)
            try:
                rows = await _in_one_transaction(cursor, SELL, [_parameters(r) for r in requests])
            except REFUSED_TOGETHER:
                await cursor.connection.rollback()
                raise
        except REFUSED_TOGETHER:
            await greenlet_spawn(pooled.close)
            raise
        except BaseException:
            await greenlet_spawn(pooled.invalidate)
            raise
        await greenlet_spawn(pooled.close)
        return rows

    async def _sell_in_one_statement(self, request: BookingRequest) -> Booking | None:
        # The pool's connection itself, without SQLAlchemy's Connection around it: the sale
        # needs only the driver, and the wrapper (built, then closed in a shielded task) cost
        # about as much CPU as the statement's own exchange.
        pooled = await self._engine.raw_connection()
        refused: psycopg.IntegrityError | None = None
        try:
            cursor = _cursor_of(pooled)
            try:
                row = await _autocommitted(cursor, SELL, _parameters(request))
            except psycopg.IntegrityError as e:  # nothing was written; the connection is idle
                refused, row = e, None
                await cursor.connection.set_autocommit(False)
        except BaseException:
            # Cut short (an outage, a cancelled request): never hand it out again, since
            # it may still be in autocommit or mid-exchange.
            await greenlet_spawn(pooled.invalidate)
            raise
        await greenlet_spawn(pooled.close)
        if refused is not None:
            translated = _translated(refused.diag.constraint_name)
            if translated is None:
                raise refused
            raise translated from refused
        return None if row is None else request.priced(row[0], row[1])

    async def _sell_in_one_transaction(self, request: BookingRequest) -> Booking | None:
        try:
            async with self._engine.begin() as conn:
                row = (await conn.execute(_claim(request))).first()
                if row is None:
                    return None
                booking = request.priced(row.price, row.currency)
                await SqlAlchemyBookingRepository(conn).add(booking)
            return booking
        except IntegrityError as e:
            if violates(e, USER_KEY, "FOREIGN KEY constraint failed"):
                raise NotAuthenticated(NO_ACCOUNT) from e
            raise


def _cursor_of(pooled: PoolProxiedConnection) -> psycopg.AsyncCursor[Any]:
    """The sale's cursor of this connection, kept with it: psycopg keeps a cursor's adapters
    from one execution of the same statement to the next instead of finding them again."""
    driver: psycopg.AsyncConnection[Any] = pooled.driver_connection  # type: ignore[assignment]
    cursor: psycopg.AsyncCursor[Any] | None = pooled.info.get(_CURSOR)
    if cursor is None or cursor.connection is not driver or cursor.closed:
        cursor = pooled.info[_CURSOR] = driver.cursor()
    return cursor


async def _autocommitted(
    cursor: psycopg.AsyncCursor[Any], statement: bytes, parameters: dict[str, Any]
) -> tuple[Any, ...] | None:
    driver = cursor.connection
    await driver.set_autocommit(True)
    await cursor.execute(statement, parameters, prepare=True)
    row = await cursor.fetchone()
    await driver.set_autocommit(False)
    return row


async def _in_one_transaction(
    cursor: psycopg.AsyncCursor[Any], statement: bytes, many: list[dict[str, Any]]
) -> list[tuple[Any, ...] | None]:
    """`statement` with each parameter set, sent at once (psycopg's pipeline), then committed;
    each execution's first row."""
    await cursor.executemany(statement, many, returning=True)
    rows = [await cursor.fetchone()]
    while cursor.nextset():
        rows.append(await cursor.fetchone())
    await cursor.connection.commit()
    return rows


async def _outcome_of(sale: Awaitable[Booking | None]) -> Booking | Failed | None:
    try:
        return await sale
    except Exception as e:
        return Failed(e)


def _translated(constraint: str | None) -> Exception | None:
    if constraint == IDEMPOTENCY_KEY:
        return DuplicateIdempotencyKey()
    if constraint == USER_KEY:
        return NotAuthenticated(NO_ACCOUNT)
    return None


def _parameters(request: BookingRequest) -> dict[str, Any]:
    return {
        "booking_id": request.booking_id,
        "user_id": request.user_id,
        "event_id": request.event_id,
        "quantity": request.quantity,
        "now": request.requested_at,
        "idempotency_key": request.idempotency_key,
        # A code is letters, digits and dashes (TicketCode), nothing an array literal quotes;
        # one text is dumped at once where a list is looked at element by element.
        "codes": "{" + ",".join(code.value for code in request.codes) + "}",
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
