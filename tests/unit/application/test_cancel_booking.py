"""CancelBooking: the booker or an admin frees the seats, once, before the event starts."""

import asyncio
from datetime import timedelta
from uuid import uuid4

import pytest

from boxoffice.application.errors import BookingNotFound
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.book_tickets import BookTickets, BookTicketsCommand
from boxoffice.application.use_cases.cancel_booking import CancelBooking, CancelBookingCommand
from boxoffice.domain.bookings import Booking, BookingStatus
from boxoffice.domain.errors import EventNotOpen
from boxoffice.domain.events import Event
from boxoffice.domain.tickets import TicketStatus
from tests.fakes import FakeTicketCodes, FixedClock, InMemoryTicketSales, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People, stored_booking, stored_event


@pytest.fixture
def cancel(uow: InMemoryUnitOfWork, clock: FixedClock) -> CancelBooking:
    return CancelBooking(uow, clock)


@pytest.fixture
async def event(add_event: AddEvent) -> Event:
    return await add_event(capacity=10)


@pytest.fixture
async def booking(
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    codes: FakeTicketCodes,
    people: People,
    event: Event,
) -> Booking:
    command = BookTicketsCommand(people.customer, event.id, 3)
    return (
        await BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store)).execute(command)
    ).booking


async def test_cancelling_frees_the_seats_and_cancels_every_ticket(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    clock.advance(hours=1)

    cancelled = await cancel.execute(CancelBookingCommand(people.customer, booking.id))

    assert (cancelled.status, cancelled.cancelled_at) == (BookingStatus.CANCELLED, clock.now())
    stored = await stored_booking(uow, booking.id)
    assert stored.status is BookingStatus.CANCELLED
    assert {t.status for t in stored.tickets} == {TicketStatus.CANCELLED}
    assert (await stored_event(uow, event.id)).seats_taken == 0


async def test_cancelling_twice_is_harmless_and_frees_the_seats_only_once(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    codes: FakeTicketCodes,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    other = BookTicketsCommand(people.stranger, event.id, 2)
    await BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store)).execute(other)
    command = CancelBookingCommand(people.customer, booking.id)

    first = await cancel.execute(command)
    second = await cancel.execute(command)

    assert second.status is BookingStatus.CANCELLED
    assert second.cancelled_at == first.cancelled_at
    assert (await stored_event(uow, event.id)).seats_taken == 2


async def test_racing_cancellations_free_the_seats_only_once(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    command = CancelBookingCommand(people.customer, booking.id)

    await asyncio.gather(*(cancel.execute(command) for _ in range(5)))

    assert (await stored_event(uow, event.id)).seats_taken == 0


async def test_an_admin_may_cancel_anyones_booking(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    await cancel.execute(CancelBookingCommand(people.admin, booking.id))

    assert (await stored_booking(uow, booking.id)).is_cancelled


@pytest.mark.parametrize("who", ["stranger", "owner"])
async def test_nobody_else_may_cancel_a_booking_nor_learn_that_it_exists(
    cancel: CancelBooking, uow: InMemoryUnitOfWork, people: People, booking: Booking, who: str
) -> None:
    actor: Principal = getattr(people, who)

    with pytest.raises(BookingNotFound):
        await cancel.execute(CancelBookingCommand(actor, booking.id))

    assert not (await stored_booking(uow, booking.id)).is_cancelled


async def test_an_unknown_booking_is_not_found(cancel: CancelBooking, people: People) -> None:
    with pytest.raises(BookingNotFound):
        await cancel.execute(CancelBookingCommand(people.admin, uuid4()))


async def test_a_booking_cannot_be_cancelled_once_its_event_has_started(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    clock.set(event.details.slot.start + timedelta(minutes=5))

    with pytest.raises(EventNotOpen, match="started"):
        await cancel.execute(CancelBookingCommand(people.customer, booking.id))

    assert not (await stored_booking(uow, booking.id)).is_cancelled
    assert (await stored_event(uow, event.id)).seats_taken == 3


async def test_freed_seats_can_be_sold_again(
    cancel: CancelBooking,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    codes: FakeTicketCodes,
    people: People,
    add_event: AddEvent,
) -> None:
    tiny = await add_event(capacity=2)
    book = BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store))
    first = await book.execute(BookTicketsCommand(people.customer, tiny.id, 2))

    await cancel.execute(CancelBookingCommand(people.customer, first.booking.id))
    second = await book.execute(BookTicketsCommand(people.stranger, tiny.id, 2))

    assert second.booking.quantity == 2
    assert (await stored_event(uow, tiny.id)).seats_taken == 2
