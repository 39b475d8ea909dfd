"""Group commit on PostgreSQL: the sales a process has in hand at once go to the database in
one transaction, each still by the statement's rule. A sale refused inside a batch is refused
alone; a batch caught in a deadlock is sold sale by sale; a batch cut off is unavailable."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.errors import (
    DuplicateIdempotencyKey,
    NotAuthenticated,
    StorageUnavailable,
)
from boxoffice.domain.bookings import Booking, BookingRequest
from boxoffice.domain.events import Event
from tests.builders import NOW, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.contract import given

PRIYA = a_user("priya")
CODES = FakeTicketCodes()
LATER = NOW + timedelta(minutes=5)


@pytest.fixture
async def engine(postgres_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(postgres_url, pool_size=5)
    yield engine
    await engine.dispose()


def most_connections_out(engine: AsyncEngine) -> list[int]:
    """[out now, most out at once] of the engine's pool, kept up to date."""
    counts = [0, 0]

    def out(*_: Any) -> None:
        counts[0] += 1
        counts[1] = max(counts)

    def back(*_: Any) -> None:
        counts[0] -= 1

    event.listen(engine.sync_engine.pool, "checkout", out)
    event.listen(engine.sync_engine.pool, "checkin", back)
    return counts


async def on_sale(engine: AsyncEngine, count: int, capacity: int = 10) -> list[Event]:
    shows = [an_event(NOW, capacity=capacity) for _ in range(count)]
    await given(SqlAlchemyUnitOfWork(engine), users=(PRIYA,), events=tuple(shows))
    return sorted(shows, key=lambda e: e.id)


def a_request(on: Event, key: str | None = None, user_id: UUID = PRIYA.id) -> BookingRequest:
    return BookingRequest(uuid4(), user_id, on.id, tuple(CODES.issue(2)), LATER, key)


async def bookings_per_transaction(engine: AsyncEngine) -> list[int]:
    """How many bookings each transaction wrote (a row's xmin is the transaction that wrote
    it)."""
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT count(*) FROM bookings GROUP BY xmin::text ORDER BY count(*) DESC")
        )
        return [n for (n,) in rows]


async def stored_counts(engine: AsyncEngine) -> tuple[int, int, int]:
    """Seats taken over every event, bookings' quantities, tickets."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT (SELECT coalesce(sum(seats_taken), 0) FROM events),"
                    " (SELECT coalesce(sum(quantity), 0) FROM bookings),"
                    " (SELECT count(*) FROM tickets)"
                )
            )
        ).one()
    return int(row[0]), int(row[1]), int(row[2])


@pytest.mark.parametrize("per_event", [1, 5], ids=["one statement", "a statement per round"])
async def test_sales_in_hand_at_once_are_committed_together(
    engine: AsyncEngine, per_event: int
) -> None:
    shows = await on_sale(engine, 8)
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)
    counts = most_connections_out(engine)
    requests = [a_request(show) for show in shows * per_event]

    sold = await asyncio.gather(*(sales.sell(r) for r in requests))

    assert [(b.id, b.event_id) if b else None for b in sold] == [
        (r.booking_id, r.event_id) for r in requests
    ]
    assert await bookings_per_transaction(engine) == [8 * per_event]
    assert counts[1] == 1
    seats = 2 * 8 * per_event
    assert await stored_counts(engine) == (seats, seats, seats)


async def test_a_batch_stores_each_sales_own_key_codes_and_time(engine: AsyncEngine) -> None:
    shows = await on_sale(engine, 3)
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)
    keys = ['a,"b"}{', "NULL", None]  # what an array literal would have to quote, and none
    requests = [
        BookingRequest(uuid4(), PRIYA.id, show.id, tuple(CODES.issue(n + 1)), LATER, key)
        for n, (show, key) in enumerate(zip(shows, keys, strict=True))
    ]

    assert all(await asyncio.gather(*(sales.sell(r) for r in requests)))

    async with engine.connect() as conn:
        stored = {
            booking: (key, booked_at, sorted(codes))
            for booking, key, booked_at, codes in await conn.execute(
                text(
                    "SELECT b.id, b.idempotency_key, b.booked_at, array_agg(t.code)"
                    " FROM bookings b JOIN tickets t ON t.booking_id = b.id GROUP BY b.id"
                )
            )
        }
    assert stored == {
        r.booking_id: (r.idempotency_key, LATER, sorted(c.value for c in r.codes)) for r in requests
    }


async def test_no_more_batches_at_once_than_allowed_nor_larger_than_their_size(
    engine: AsyncEngine,
) -> None:
    shows = await on_sale(engine, 10)
    sales = SqlAlchemyTicketSales(engine, batches=2, batch_size=8)
    counts = most_connections_out(engine)

    sold = await asyncio.gather(*(sales.sell(a_request(show)) for show in shows * 5))

    assert all(sold)
    per_transaction = await bookings_per_transaction(engine)
    assert sum(per_transaction) == 50
    assert max(per_transaction) <= 8
    assert counts[1] <= 2


async def test_a_batch_sells_a_hot_events_seats_in_turn_and_no_more(engine: AsyncEngine) -> None:
    (hot,) = await on_sale(engine, 1, capacity=30)  # 15 sales of 2 seats
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)

    sold = await asyncio.gather(*(sales.sell(a_request(hot)) for _ in range(40)))

    assert sum(b is not None for b in sold) == 15
    assert sold[:15] == [b for b in sold if b is not None]  # in the order they came
    assert await stored_counts(engine) == (30, 30, 30)


async def test_a_sale_refused_inside_a_batch_is_refused_alone(engine: AsyncEngine) -> None:
    shows = await on_sale(engine, 3)
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)
    assert await sales.sell(a_request(shows[0], key="used")) is not None
    fine = [a_request(show) for show in shows]
    twice = [a_request(shows[1], key="twice"), a_request(shows[2], key="twice")]

    got = await asyncio.gather(
        sales.sell(fine[0]),
        sales.sell(a_request(shows[1], key="used")),
        sales.sell(fine[1]),
        sales.sell(a_request(shows[2], user_id=uuid4())),
        *(sales.sell(r) for r in twice),
        sales.sell(fine[2]),
        return_exceptions=True,
    )

    assert [type(g) for g in got] == [
        Booking,
        DuplicateIdempotencyKey,
        Booking,
        NotAuthenticated,
        Booking,
        DuplicateIdempotencyKey,
        Booking,
    ]
    # the first sale, the three fine ones and one of the two with a new key: 2 seats each
    assert await stored_counts(engine) == (10, 10, 10)


async def wait_until_a_sale_waits_for_a_lock(engine: AsyncEngine) -> None:
    async with asyncio.timeout(10), engine.connect() as conn:
        while not (
            await conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND query LIKE '%claimed AS (%'"
                )
            )
        ).scalar():
            await conn.rollback()
            await asyncio.sleep(0.05)


async def test_a_batch_caught_in_a_deadlock_sells_each_sale_on_its_own(
    engine: AsyncEngine, postgres_url: str
) -> None:
    first, second = await on_sale(engine, 2)  # in the order the batch locks them
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    async with await psycopg.AsyncConnection.connect(admin) as other:
        # Another transaction holds the second row; the batch takes the first, then waits.
        await other.execute("UPDATE events SET title = title WHERE id = %s", (second.id,))
        batch = asyncio.gather(sales.sell(a_request(first)), sales.sell(a_request(second)))
        await wait_until_a_sale_waits_for_a_lock(engine)
        # ... and now it wants the first: a cycle, which PostgreSQL ends by failing one.
        await other.execute("UPDATE events SET title = title WHERE id = %s", (first.id,))
        await other.commit()
        async with asyncio.timeout(30):
            sold = await batch

    assert all(isinstance(b, Booking) for b in sold)
    assert await stored_counts(engine) == (4, 4, 4)
    assert await bookings_per_transaction(engine) == [1, 1]  # sold one by one


async def test_a_batch_whose_connection_is_cut_is_unavailable_and_leaves_nothing(
    engine: AsyncEngine, postgres_url: str
) -> None:
    shows = await on_sale(engine, 2)
    sales = SqlAlchemyTicketSales(engine, batches=1, batch_size=64)
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    async with await psycopg.AsyncConnection.connect(admin) as other:
        await other.execute("SELECT 1 FROM events WHERE id = %s FOR UPDATE", (shows[1].id,))
        batch = asyncio.gather(
            *(sales.sell(a_request(show)) for show in shows), return_exceptions=True
        )
        await wait_until_a_sale_waits_for_a_lock(engine)
        await other.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND query LIKE '%claimed AS (%'"
        )
        await other.rollback()
        async with asyncio.timeout(30):
            got = await batch

    assert [type(g) for g in got] == [StorageUnavailable, StorageUnavailable]
    assert await stored_counts(engine) == (0, 0, 0)
    # The cut connection is not handed out again: the next sales sell.
    assert all(await asyncio.gather(*(sales.sell(a_request(show)) for show in shows)))
    assert await stored_counts(engine) == (4, 4, 4)
