"""On PostgreSQL a process sends at most `at_once` sales of one event to the database at once,
waiting before it takes a pooled connection; sales of other events do not wait for them. The
rule is the statement's: many buyers racing for the seats still sell them all, no more."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.domain.bookings import BookingRequest
from boxoffice.domain.events import Event
from tests.builders import NOW, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.contract import given

PRIYA = a_user("priya")


@pytest.fixture
async def engine(postgres_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(postgres_url, pool_size=20)
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


async def test_at_most_at_once_sales_of_one_event_hold_a_connection(engine: AsyncEngine) -> None:
    hot, other, control = (an_event(NOW, capacity=30) for _ in range(3))
    await given(SqlAlchemyUnitOfWork(engine), users=(PRIYA,), events=(hot, other, control))
    codes, later = FakeTicketCodes(), NOW + timedelta(minutes=5)

    def request(on: Event) -> BookingRequest:
        return BookingRequest(uuid4(), PRIYA.id, on.id, tuple(codes.issue(1)), later, None)

    limited, unlimited = SqlAlchemyTicketSales(engine, at_once=2), SqlAlchemyTicketSales(engine)
    counts = most_connections_out(engine)
    # First, so that the pool holds idle connections: a turn's checkout then never waits for
    # a new connection, while an earlier turn ends and hands its own back.
    await asyncio.gather(*(unlimited.sell(request(control)) for _ in range(20)))
    no_turns = counts[1]
    counts[1] = 0
    sold = await asyncio.gather(*(limited.sell(request(hot)) for _ in range(40)))
    one_event = counts[1]
    counts[1] = 0
    await asyncio.gather(*(limited.sell(request(e)) for e in (hot, other) * 10))
    two_events = counts[1]

    assert sum(booking is not None for booking in sold) == 30  # the seats, no more
    assert (one_event, two_events) == (2, 4)
    assert no_turns > 2
