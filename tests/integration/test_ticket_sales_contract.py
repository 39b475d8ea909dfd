"""The sale's contract, run against the fake, SQLite and PostgreSQL: claim, price and store in
one atomic step, refused whole, never oversold when many race for the last seats."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.errors import DuplicateIdempotencyKey, NotAuthenticated
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.ports.ticket_sales import TicketSales
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.bookings import BookingRequest, BookingStatus
from boxoffice.domain.events import Event
from tests.builders import NOW, a_user, an_event
from tests.fakes import FakeTicketCodes, InMemoryStore, InMemoryTicketSales, InMemoryUnitOfWork
from tests.integration.contract import ALL, booking_in, event_in, given

PRIYA = a_user("priya")
LATER = NOW + timedelta(minutes=5)


@dataclass
class Shop:
    sales: TicketSales
    uow: UnitOfWork
    codes: FakeTicketCodes

    def request(
        self, event: Event, quantity: int = 1, key: str | None = None, user_id: UUID = PRIYA.id
    ) -> BookingRequest:
        codes = tuple(self.codes.issue(quantity))
        return BookingRequest(uuid4(), user_id, event.id, codes, LATER, key)


@pytest.fixture
async def shop(backend: str) -> AsyncIterator[Shop]:
    if backend == "memory":
        store = InMemoryStore()
        yield Shop(InMemoryTicketSales(store), InMemoryUnitOfWork(store), FakeTicketCodes())
        return
    engine = create_engine(backend, pool_size=20)
    try:
        yield Shop(SqlAlchemyTicketSales(engine), SqlAlchemyUnitOfWork(engine), FakeTicketCodes())
    finally:
        await engine.dispose()


async def an_event_on_sale(shop: Shop, capacity: int = 5) -> Event:
    event = an_event(NOW, capacity=capacity, price=Decimal("333.33"), currency="INR")
    await given(shop.uow, users=(PRIYA,), events=(event,))
    return event


async def seats_taken(shop: Shop, event: Event) -> int:
    stored = await event_in(shop.uow, event.id)
    assert stored is not None
    return stored.seats_taken


async def test_a_sale_takes_the_seats_and_stores_the_booking_priced_at_the_event(
    shop: Shop,
) -> None:
    event = await an_event_on_sale(shop)

    booking = await shop.sales.sell(shop.request(event, 3, key="checkout-1"))

    assert booking is not None
    assert (booking.quantity, booking.unit_price, booking.total) == (
        3,
        Decimal("333.33"),
        Decimal("999.99"),
    )
    assert (booking.currency, booking.status, booking.booked_at) == (
        "INR",
        BookingStatus.CONFIRMED,
        LATER,
    )
    assert await booking_in(shop.uow, booking.id) == booking
    assert await seats_taken(shop, event) == 3


async def test_a_sale_of_more_seats_than_are_left_changes_nothing(shop: Shop) -> None:
    event = await an_event_on_sale(shop, capacity=2)

    assert await shop.sales.sell(shop.request(event, 3)) is None

    assert await seats_taken(shop, event) == 0
    async with shop.uow as uow:
        assert (await uow.bookings.list_for_event(event.id, ALL)).total == 0


async def test_no_seat_is_sold_for_an_event_that_started_or_does_not_exist(shop: Shop) -> None:
    event = await an_event_on_sale(shop)
    codes = tuple(shop.codes.issue(1))
    started = BookingRequest(uuid4(), PRIYA.id, event.id, codes, event.details.slot.start)

    assert await shop.sales.sell(started) is None
    assert await shop.sales.sell(shop.request(an_event(NOW, capacity=5))) is None


async def test_a_reused_key_is_a_duplicate_and_takes_no_second_seat(shop: Shop) -> None:
    event = await an_event_on_sale(shop)
    assert await shop.sales.sell(shop.request(event, 1, key="k")) is not None

    with pytest.raises(DuplicateIdempotencyKey):
        await shop.sales.sell(shop.request(event, 1, key="k"))

    assert await seats_taken(shop, event) == 1


async def test_a_sale_to_a_user_who_does_not_exist_is_refused_whole(shop: Shop) -> None:
    event = await an_event_on_sale(shop)

    with pytest.raises(NotAuthenticated):
        await shop.sales.sell(shop.request(event, 2, user_id=uuid4()))

    assert await seats_taken(shop, event) == 0


async def test_sixty_racing_sales_of_one_seat_sell_exactly_the_twenty_seats(shop: Shop) -> None:
    event = await an_event_on_sale(shop, capacity=20)

    sold = await asyncio.gather(*(shop.sales.sell(shop.request(event)) for _ in range(60)))

    assert sum(b is not None for b in sold) == 20
    assert await seats_taken(shop, event) == 20
    async with shop.uow as uow:
        page = await uow.bookings.list_for_event(event.id, PageRequest(1, 100))
    assert page.total == 20
    assert sum(len(b.tickets) for b in page.items) == 20
