"""DeleteEvent: an event nobody booked or registered for goes; any other is cancelled in full."""

from collections.abc import Awaitable, Callable
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound, PermissionDenied
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.use_cases.book_tickets import BookTickets, BookTicketsCommand
from boxoffice.application.use_cases.delete_event import (
    DeleteEvent,
    DeleteEventCommand,
    DeleteOutcome,
)
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
)
from boxoffice.application.use_cases.update_event import (
    EventChanges,
    UpdateEvent,
    UpdateEventCommand,
)
from boxoffice.domain.bookings import BookingStatus
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.tickets import TicketStatus
from tests.fake_attachments import InMemoryFileStorage
from tests.fakes import FakeTicketCodes, FixedClock, InMemoryTicketSales, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People, stored_event

Booker = Callable[[Event], Awaitable[None]]


@pytest.fixture
def delete(uow: InMemoryUnitOfWork, clock: FixedClock) -> DeleteEvent:
    return DeleteEvent(uow, clock, InMemoryFileStorage())


@pytest.fixture
async def event(add_event: AddEvent) -> Event:
    return await add_event(capacity=20)


@pytest.fixture
def book(
    uow: InMemoryUnitOfWork, clock: FixedClock, codes: FakeTicketCodes, people: People
) -> Booker:
    """Two customers book two seats each."""

    async def book_twice(event: Event) -> None:
        for buyer in (people.customer, people.stranger):
            await BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store)).execute(
                BookTicketsCommand(buyer, event.id, 2)
            )

    return book_twice


@pytest.mark.parametrize("who", ["owner", "admin"])
async def test_an_event_without_bookings_or_registrations_is_deleted(
    delete: DeleteEvent, uow: InMemoryUnitOfWork, people: People, event: Event, who: str
) -> None:
    result = await delete.execute(DeleteEventCommand(getattr(people, who), event.id))

    assert result.outcome is DeleteOutcome.DELETED
    async with uow:
        assert await uow.events.get(event.id) is None


async def test_an_event_with_bookings_is_cancelled_with_its_bookings_and_tickets(
    delete: DeleteEvent,
    book: Booker,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    event: Event,
) -> None:
    await book(event)
    clock.advance(minutes=5)

    result = await delete.execute(DeleteEventCommand(people.owner, event.id))

    assert result.outcome is DeleteOutcome.CANCELLED
    assert result.event.status is EventStatus.CANCELLED
    assert (await stored_event(uow, event.id)).status is EventStatus.CANCELLED
    async with uow:
        bookings = (await uow.bookings.list_for_event(event.id, PageRequest(1, 100))).items
    assert len(bookings) == 2
    assert {b.status for b in bookings} == {BookingStatus.CANCELLED}
    assert {b.cancelled_at for b in bookings} == {clock.now()}
    assert {t.status for b in bookings for t in b.tickets} == {TicketStatus.CANCELLED}


async def test_an_event_with_only_registrations_is_cancelled_not_deleted(
    delete: DeleteEvent, uow: InMemoryUnitOfWork, clock: FixedClock, people: People, event: Event
) -> None:
    await RegisterAttendee(uow, clock).execute(
        RegisterAttendeeCommand(event.id, "Meera", "meera@example.com")
    )

    result = await delete.execute(DeleteEventCommand(people.admin, event.id))

    assert result.outcome is DeleteOutcome.CANCELLED
    assert (await stored_event(uow, event.id)).status is EventStatus.CANCELLED


async def test_deleting_a_cancelled_event_again_is_harmless(
    delete: DeleteEvent,
    book: Booker,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    event: Event,
) -> None:
    await book(event)
    await delete.execute(DeleteEventCommand(people.owner, event.id))

    again = await delete.execute(DeleteEventCommand(people.owner, event.id))

    assert again.outcome is DeleteOutcome.CANCELLED
    assert (await stored_event(uow, event.id)).status is EventStatus.CANCELLED


async def test_cancelling_by_status_also_cancels_bookings_and_tickets(
    book: Booker, uow: InMemoryUnitOfWork, clock: FixedClock, people: People, event: Event
) -> None:
    await book(event)

    await UpdateEvent(uow, clock).execute(
        UpdateEventCommand(people.owner, event.id, EventChanges(status=EventStatus.CANCELLED))
    )

    async with uow:
        stats = await uow.events.stats(event.id)
    assert (stats.bookings, stats.cancelled_bookings, stats.tickets_sold) == (0, 2, 0)


@pytest.mark.parametrize("who", ["customer", "stranger"])
async def test_only_the_owner_or_an_admin_may_delete(
    delete: DeleteEvent, uow: InMemoryUnitOfWork, people: People, event: Event, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        await delete.execute(DeleteEventCommand(getattr(people, who), event.id))
    assert (await stored_event(uow, event.id)).status is EventStatus.ACTIVE


async def test_deleting_an_unknown_event_is_not_found(delete: DeleteEvent, people: People) -> None:
    with pytest.raises(EventNotFound):
        await delete.execute(DeleteEventCommand(people.admin, uuid4()))
