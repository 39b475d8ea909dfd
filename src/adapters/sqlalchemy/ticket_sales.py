"""Selling seats at the database's limit: the claim, the booking and its tickets in one step.

On PostgreSQL that step is one statement: the event's row is locked from the conditional
UPDATE to the commit, never across a round trip to this process while it serves other
requests. A sale that finds the database idle runs alone in its own transaction (autocommit);
the sales that arrive while others run go together (group commit, see batches.py): those of
different events as one statement, an event's later ones after it in the same transaction.
The statements go straight to psycopg on a connection of the engine's pool, prepared once per
connection: SQLAlchemy's execution layer would cost more CPU than the rest of the sale. SQLite
runs the same three writes in one serial transaction.
"""

from collections.abc import Awaitable
from decimal import Decimal
from typing import Any
from uuid import UUID

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

# The same for many sales of different events at once, in one statement: each row of `wanted`
# is a sale. Their events' rows are locked in the order of their ids first (`locked`), so two
# batches never wait for each other in a cycle. An event takes at most one sale of a
# statement (an UPDATE changes a row once), so a batch with several sales of one event sends
# a statement per round: its first sale of each event, then its second, and so on.
SELL_MANY = b"""
WITH wanted AS (
    SELECT * FROM unnest(%(booking_ids)s::uuid[], %(user_ids)s::uuid[], %(event_ids)s::uuid[],
                         %(quantities)s::int[], %(times)s::timestamptz[], %(keys)s::text[],
                         %(codes)s::text[])
        AS w(booking_id, user_id, event_id, quantity, requested_at, idempotency_key, codes)
), locked AS (
    SELECT id FROM events WHERE id IN (SELECT event_id FROM wanted) ORDER BY id FOR UPDATE
), claimed AS (
    UPDATE events SET seats_taken = seats_taken + w.quantity
    FROM wanted AS w
    WHERE events.id = w.event_id AND events.id IN (SELECT id FROM locked)
      AND events.status = %(active)s AND events.start_time > w.requested_at
      AND events.seats_taken + w.quantity <= events.capacity
    RETURNING w.booking_id, w.user_id, w.event_id, w.quantity, w.requested_at,
              w.idempotency_key, w.codes, events.price, events.currency
), booked AS (
    INSERT INTO bookings (id, user_id, event_id, quantity, unit_price, total_amount,
                          currency, status, booked_at, idempotency_key)
    SELECT booking_id, user_id, event_id, quantity, price, price * quantity, currency,
           %(confirmed)s, requested_at, idempotency_key
    FROM claimed
    RETURNING id
), ticketed AS (
    INSERT INTO tickets (booking_id, code, status)
    SELECT booked.id, code, %(ticket_active)s
    FROM booked JOIN claimed ON claimed.booking_id = booked.id,
         unnest(string_to_array(claimed.codes, ' ')) AS code
)
SELECT booking_id, price, currency FROM claimed
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
        try:
            sold = await self._sell_many(_rounds(requests))
        except REFUSED_TOGETHER:
            # One sale was refused (its key used, its account gone), or the batch met another
            # transaction in a deadlock: nothing was written; each sale is tried on its own.
            return [await _outcome_of(self._sell_alone(r)) for r in requests]
        except Exception as e:
            if not is_outage(e):
                raise
            message = str(unavailable(e))
            return [Failed(StorageUnavailable(message)) for _ in requests]
        outcomes: list[Booking | Failed | None] = []
        for request in requests:
            row = sold.get(request.booking_id)
            outcomes.append(None if row is None else request.priced(row[0], row[1]))
        return outcomes

    async def _sell_alone(self, request: BookingRequest) -> Booking | None:
        with outages_as_unavailable():
            return await self._sell_in_one_statement(request)

    async def _sell_many(
        self, rounds: list[list[BookingRequest]]
    ) -> dict[UUID, tuple[Decimal, str]]:
        """The price and currency of each sale that sold, by booking id.

        The first round, whose statement locks every event of the batch, is one statement;
        the later sales (of events it has locked already) go one statement each, in the
        order they came, all in one transaction. A round of one sale, as a hot event's
        batch is, goes as the sale's own statement, which holds the row for less time.
        """
        first, rest = rounds[0], [r for later in rounds[1:] for r in later]
        pooled = await self._engine.raw_connection()
        try:
            cursor = _cursor_of(pooled)
            try:
                if not rest:
                    sold = _by_booking(await _autocommitted(cursor, SELL_MANY, _many(first)))
                elif len(first) == 1:
                    sold = await _in_one_transaction(cursor, [], [*first, *rest])
                else:
                    sold = await _in_one_transaction(cursor, first, rest)
            except REFUSED_TOGETHER:
                await cursor.connection.rollback()
                await cursor.connection.set_autocommit(False)
                raise
        except REFUSED_TOGETHER:
            await greenlet_spawn(pooled.close)
            raise
        except BaseException:
            await greenlet_spawn(pooled.invalidate)
            raise
        await greenlet_spawn(pooled.close)
        return sold

    async def _sell_in_one_statement(self, request: BookingRequest) -> Booking | None:
        # The pool's connection itself, without SQLAlchemy's Connection around it: the sale
        # needs only the driver, and the wrapper (built, then closed in a shielded task) cost
        # about as much CPU as the statement's own exchange.
        pooled = await self._engine.raw_connection()
        refused: psycopg.IntegrityError | None = None
        try:
            cursor = _cursor_of(pooled)
            try:
                rows = await _autocommitted(cursor, SELL, _parameters(request))
                row = rows[0] if rows else None
            except psycopg.IntegrityError as e:  # nothing was written; the connection is idle
                refused, row = e, None
                await cursor.connection.set_autocommit(False)
        except BaseException:
            # Cut short (an outage, the process stopping): never hand it out again, since
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
) -> list[tuple[Any, ...]]:
    driver = cursor.connection
    await driver.set_autocommit(True)
    await cursor.execute(statement, parameters, prepare=True)
    rows = await cursor.fetchall()
    await driver.set_autocommit(False)
    return rows


async def _in_one_transaction(
    cursor: psycopg.AsyncCursor[Any], together: list[BookingRequest], each: list[BookingRequest]
) -> dict[UUID, tuple[Decimal, str]]:
    """`together` in one statement (if any), then each of `each` in its own, sent at once
    (psycopg's pipeline), then committed."""
    sold: dict[UUID, tuple[Decimal, str]] = {}
    if together:
        await cursor.execute(SELL_MANY, _many(together), prepare=True)
        sold = _by_booking(await cursor.fetchall())
    await cursor.executemany(SELL, [_parameters(r) for r in each], returning=True)
    for request in each:
        if (row := await cursor.fetchone()) is not None:
            sold[request.booking_id] = (row[0], row[1])
        cursor.nextset()
    await cursor.connection.commit()
    return sold


def _by_booking(rows: list[tuple[Any, ...]]) -> dict[UUID, tuple[Decimal, str]]:
    return {booking_id: (price, currency) for booking_id, price, currency in rows}


def _rounds(requests: list[BookingRequest]) -> list[list[BookingRequest]]:
    """The sales in rounds, each with one sale of an event at most, in the order they came:
    an event's n-th sale is in the n-th round."""
    rounds: list[list[BookingRequest]] = []
    seen: dict[UUID, int] = {}
    for request in requests:
        n = seen.get(request.event_id, 0)
        seen[request.event_id] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(request)
    return rounds


def _many(requests: list[BookingRequest]) -> dict[str, Any]:
    # Ids, as codes (letters, digits and dashes), are nothing an array literal quotes: one
    # text each is dumped at once. Keys are the client's text: psycopg quotes them.
    return {
        "booking_ids": "{" + ",".join(str(r.booking_id) for r in requests) + "}",
        "user_ids": "{" + ",".join(str(r.user_id) for r in requests) + "}",
        "event_ids": "{" + ",".join(str(r.event_id) for r in requests) + "}",
        "quantities": [r.quantity for r in requests],
        "times": [r.requested_at for r in requests],
        "keys": [r.idempotency_key for r in requests],
        "codes": [" ".join(code.value for code in r.codes) for r in requests],
        "active": EventStatus.ACTIVE.value,
        "confirmed": BookingStatus.CONFIRMED.value,
        "ticket_active": TicketStatus.ACTIVE.value,
    }


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
