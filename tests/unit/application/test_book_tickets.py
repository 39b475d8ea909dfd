"""BookTickets: seats are sold at most once, and a retried request books nothing twice."""

import asyncio
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound, IdempotencyKeyReused
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.use_cases.book_tickets import (
    BookingOutcome,
    BookTickets,
    BookTicketsCommand,
)
from boxoffice.domain.bookings import BookingStatus
from boxoffice.domain.errors import EventNotOpen, InvalidValue, NotEnoughSeats
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.tickets import TicketStatus
from tests.fakes import FakeTicketCodes, FixedClock, InMemoryTicketSales, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People, stored_event

ALL = PageRequest(1, 100)


@pytest.fixture
def book_tickets(uow: InMemoryUnitOfWork, clock: FixedClock, codes: FakeTicketCodes) -> BookTickets:
    return BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store))


@pytest.fixture
async def event(add_event: AddEvent) -> Event:
    return await add_event(capacity=5, price=Decimal("250.50"), currency="INR")


async def test_booking_sells_seats_with_one_ticket_each_and_an_exact_total(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    outcome = await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 3))

    booking = outcome.booking
    assert outcome.replayed is False
    assert (booking.user_id, booking.event_id, booking.quantity) == (
        people.customer.user_id,
        event.id,
        3,
    )
    assert (booking.total, booking.currency) == (Decimal("751.50"), "INR")
    assert booking.status is BookingStatus.CONFIRMED
    assert len({t.code for t in booking.tickets}) == 3
    assert all(t.status is TicketStatus.ACTIVE for t in booking.tickets)
    assert (await stored_event(uow, event.id)).seats_taken == 3
    async with uow:
        assert await uow.bookings.get(booking.id) == booking


async def test_the_last_seats_can_be_sold_but_not_one_more(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 5))

    with pytest.raises(NotEnoughSeats) as raised:
        await book_tickets.execute(BookTicketsCommand(people.stranger, event.id, 1))

    assert (raised.value.requested, raised.value.available) == (1, 0)
    async with uow:
        page = await uow.bookings.list_for_event(event.id, ALL)
    assert page.total == 1


async def test_a_refused_booking_takes_no_seats_and_stores_nothing(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 4))

    with pytest.raises(NotEnoughSeats):
        await book_tickets.execute(BookTicketsCommand(people.stranger, event.id, 2))

    assert (await stored_event(uow, event.id)).seats_taken == 4
    async with uow:
        assert (await uow.bookings.list_for_user(people.stranger.user_id, ALL)).total == 0


async def test_the_last_seat_goes_to_exactly_one_of_many_racing_bookings(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, add_event: AddEvent
) -> None:
    last_seat = await add_event(capacity=1)
    buyers = [people.customer, people.stranger, people.owner, people.admin] * 3

    results = await asyncio.gather(
        *(book_tickets.execute(BookTicketsCommand(b, last_seat.id, 1)) for b in buyers),
        return_exceptions=True,
    )

    assert sum(isinstance(r, BookingOutcome) for r in results) == 1
    assert sum(isinstance(r, NotEnoughSeats) for r in results) == len(buyers) - 1
    assert (await stored_event(uow, last_seat.id)).seats_taken == 1


@pytest.mark.parametrize("quantity", [0, -1, 11])
async def test_quantities_outside_1_to_10_are_refused_before_anything_happens(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event, quantity: int
) -> None:
    with pytest.raises(InvalidValue) as raised:
        await book_tickets.execute(BookTicketsCommand(people.customer, event.id, quantity))

    assert raised.value.field == "quantity"
    assert uow.store.commits == 2  # the people and the event, nothing since


async def test_an_unknown_event_cannot_be_booked(book_tickets: BookTickets, people: People) -> None:
    with pytest.raises(EventNotFound):
        await book_tickets.execute(BookTicketsCommand(people.customer, uuid4(), 1))


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.COMPLETED])
async def test_a_closed_event_cannot_be_booked(
    book_tickets: BookTickets,
    uow: InMemoryUnitOfWork,
    people: People,
    event: Event,
    status: EventStatus,
) -> None:
    event.change_status(status)
    async with uow:
        await uow.events.save(event)
        await uow.commit()

    with pytest.raises(EventNotOpen, match=status.value):
        await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 1))


async def test_an_event_that_has_started_cannot_be_booked(
    book_tickets: BookTickets, clock: FixedClock, people: People, event: Event
) -> None:
    clock.set(event.details.slot.start)

    with pytest.raises(EventNotOpen, match="started"):
        await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 1))


async def test_retrying_with_the_same_key_returns_the_first_booking_and_books_nothing_more(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    command = BookTicketsCommand(people.customer, event.id, 2, idempotency_key="retry-1")

    first = await book_tickets.execute(command)
    again = await book_tickets.execute(command)

    assert (first.replayed, again.replayed) == (False, True)
    assert again.booking == first.booking
    assert (await stored_event(uow, event.id)).seats_taken == 2


async def test_racing_retries_with_the_same_key_book_once(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    command = BookTicketsCommand(people.customer, event.id, 2, idempotency_key="double-click")

    outcomes = await asyncio.gather(*(book_tickets.execute(command) for _ in range(4)))

    assert len({o.booking.id for o in outcomes}) == 1
    assert sorted(o.replayed for o in outcomes) == [False, True, True, True]
    assert (await stored_event(uow, event.id)).seats_taken == 2


@pytest.mark.parametrize(("other_event", "quantity"), [(False, 3), (True, 2)])
async def test_the_same_key_for_a_different_request_is_refused(
    book_tickets: BookTickets,
    people: People,
    event: Event,
    add_event: AddEvent,
    other_event: bool,
    quantity: int,
) -> None:
    await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 2, "key-1"))
    target = (await add_event()).id if other_event else event.id

    with pytest.raises(IdempotencyKeyReused):
        await book_tickets.execute(BookTicketsCommand(people.customer, target, quantity, "key-1"))


async def test_idempotency_keys_belong_to_one_user(
    book_tickets: BookTickets, uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    mine = await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 1, "k"))
    theirs = await book_tickets.execute(BookTicketsCommand(people.stranger, event.id, 1, "k"))

    assert theirs.replayed is False
    assert theirs.booking.id != mine.booking.id
    assert (await stored_event(uow, event.id)).seats_taken == 2


async def test_a_replay_of_a_cancelled_booking_shows_it_cancelled_and_books_nothing(
    book_tickets: BookTickets,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    event: Event,
) -> None:
    command = BookTicketsCommand(people.customer, event.id, 1, "k")
    first = await book_tickets.execute(command)
    async with uow:
        await uow.bookings.mark_cancelled(first.booking.id, clock.now())
        await uow.events.release_seats(event.id, 1)
        await uow.commit()

    again = await book_tickets.execute(command)

    assert again.replayed is True
    assert again.booking.status is BookingStatus.CANCELLED
    assert (await stored_event(uow, event.id)).seats_taken == 0


async def test_bookings_close_at_the_start_even_a_moment_before_is_fine(
    book_tickets: BookTickets, clock: FixedClock, people: People, event: Event
) -> None:
    clock.set(event.details.slot.start - timedelta(microseconds=1))

    outcome = await book_tickets.execute(BookTicketsCommand(people.customer, event.id, 1))

    assert outcome.booking.booked_at == clock.now()


async def test_a_retry_of_the_booking_that_took_the_last_seats_is_a_replay_not_a_refusal(
    book_tickets: BookTickets, people: People, event: Event
) -> None:
    command = BookTicketsCommand(people.customer, event.id, 5, idempotency_key="all-of-them")
    first = await book_tickets.execute(command)

    again = await book_tickets.execute(command)

    assert again == BookingOutcome(first.booking, replayed=True)
