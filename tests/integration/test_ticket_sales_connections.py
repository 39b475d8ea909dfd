"""The sale's connection on PostgreSQL: taken from the engine's pool and given back to it in
the state the pool's other users expect, whether the sale sold, was refused or was cut short."""

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.errors import DuplicateIdempotencyKey, NotAuthenticated
from boxoffice.domain.bookings import BookingRequest
from boxoffice.domain.events import Event
from tests.builders import NOW, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.contract import event_in, given

PRIYA = a_user("priya")
CODES = FakeTicketCodes()


@pytest.fixture
async def engine(postgres_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(postgres_url, pool_size=1)
    try:
        yield engine
    finally:
        await engine.dispose()


async def an_event_on_sale(engine: AsyncEngine, capacity: int = 5) -> Event:
    event = an_event(NOW, capacity=capacity, price=Decimal("12.50"), currency="EUR")
    await given(SqlAlchemyUnitOfWork(engine), users=(PRIYA,), events=(event,))
    return event


def a_request(event: Event, key: str | None = None, user_id: Any = PRIYA.id) -> BookingRequest:
    return BookingRequest(uuid4(), user_id, event.id, tuple(CODES.issue(1)), NOW, key)


async def seats_taken(engine: AsyncEngine, event: Event) -> int:
    stored = await event_in(SqlAlchemyUnitOfWork(engine), event.id)
    assert stored is not None
    return stored.seats_taken


async def driver_of_the_idle_connection(engine: AsyncEngine) -> psycopg.AsyncConnection[Any]:
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    async with engine.connect() as conn:
        pooled = await conn.get_raw_connection()
        driver: psycopg.AsyncConnection[Any] = pooled.driver_connection  # type: ignore[assignment]
        return driver


async def test_a_sale_gives_its_connection_back_out_of_autocommit(engine: AsyncEngine) -> None:
    event = await an_event_on_sale(engine)

    assert await SqlAlchemyTicketSales(engine).sell(a_request(event)) is not None

    assert (await driver_of_the_idle_connection(engine)).autocommit is False
    # ... so a unit of work on that connection still rolls back what it did not commit
    async with SqlAlchemyUnitOfWork(engine) as uow:
        await uow.events.get(event.id)
        await uow.rollback()
    assert await seats_taken(engine, event) == 1


@pytest.mark.parametrize("refusal", ["reused key", "unknown user"])
async def test_a_refused_sale_gives_its_connection_back_out_of_autocommit(
    engine: AsyncEngine, refusal: str
) -> None:
    event = await an_event_on_sale(engine)
    sales = SqlAlchemyTicketSales(engine)
    await sales.sell(a_request(event, key="k"))

    refused = (
        a_request(event, key="k") if refusal == "reused key" else a_request(event, user_id=uuid4())
    )
    with pytest.raises((DuplicateIdempotencyKey, NotAuthenticated)):
        await sales.sell(refused)

    assert (await driver_of_the_idle_connection(engine)).autocommit is False
    assert await seats_taken(engine, event) == 1


async def test_sales_on_a_connection_the_database_dropped_go_on_on_a_new_one(
    engine: AsyncEngine, postgres_url: str
) -> None:
    event = await an_event_on_sale(engine)
    sales = SqlAlchemyTicketSales(engine)
    await sales.sell(a_request(event))
    first = await driver_of_the_idle_connection(engine)
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
        await conn.execute("SELECT pg_terminate_backend(%s)", (first.info.backend_pid,))
    await asyncio.sleep(0.2)  # the server's goodbye reaches the idle connection's socket

    assert await sales.sell(a_request(event)) is not None
    assert await sales.sell(a_request(event)) is not None

    assert await driver_of_the_idle_connection(engine) is not first
    assert await seats_taken(engine, event) == 3


async def test_a_buyer_who_gives_up_mid_sale_leaves_the_sale_to_end_cleanly(
    engine: AsyncEngine, postgres_url: str
) -> None:
    event = await an_event_on_sale(engine)
    sales = SqlAlchemyTicketSales(engine)
    await sales.sell(a_request(event))
    first = await driver_of_the_idle_connection(engine)
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    async with await psycopg.AsyncConnection.connect(admin) as holder:
        # The event's row locked elsewhere: the sale waits inside its statement.
        await holder.execute("SELECT 1 FROM events WHERE id = %s FOR UPDATE", (event.id,))
        waiting = asyncio.create_task(sales.sell(a_request(event)))
        await asyncio.sleep(0.3)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await holder.rollback()

    # The sale ran on in its batch, not in the buyer's task: it sold, as a sale whose
    # answer was lost on the way would have, and its connection went back as it should.
    async with asyncio.timeout(10):
        while await seats_taken(engine, event) != 2:  # noqa: ASYNC110 (read back from the database)
            await asyncio.sleep(0.05)
    assert await driver_of_the_idle_connection(engine) is first
    assert first.autocommit is False
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT 1"))).scalar() == 1
