"""The read use cases: who may see what, and that they see the right things."""

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from boxoffice.application.errors import (
    BookingNotFound,
    EventNotFound,
    PermissionDenied,
    UserNotFound,
)
from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.book_tickets import BookTickets, BookTicketsCommand
from boxoffice.application.use_cases.get_booking import GetBooking, GetBookingQuery
from boxoffice.application.use_cases.get_event import GetEvent
from boxoffice.application.use_cases.get_event_stats import EventStatsQuery, GetEventStats
from boxoffice.application.use_cases.list_attendees import ListAttendees, ListAttendeesQuery
from boxoffice.application.use_cases.list_event_bookings import (
    ListEventBookings,
    ListEventBookingsQuery,
)
from boxoffice.application.use_cases.list_events import ListEvents, ListEventsQuery
from boxoffice.application.use_cases.list_user_bookings import (
    ListUserBookings,
    ListUserBookingsQuery,
)
from boxoffice.application.use_cases.list_users import ListUsers, ListUsersQuery
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
)
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from tests.fake_event_reads import InMemoryEventReads
from tests.fakes import FakeTicketCodes, FixedClock, InMemoryTicketSales, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People

PAGE = PageRequest(1, 20)


@pytest.fixture
async def event(add_event: AddEvent) -> Event:
    return await add_event(capacity=10, price=Decimal("100.50"))


@pytest.fixture
async def booking(
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    codes: FakeTicketCodes,
    people: People,
    event: Event,
) -> Booking:
    book = BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store))
    outcome = await book.execute(BookTicketsCommand(people.customer, event.id, 2))
    clock.advance(minutes=1)
    await book.execute(BookTicketsCommand(people.stranger, event.id, 1))
    return outcome.booking


async def test_anyone_can_read_an_event(uow: InMemoryUnitOfWork, event: Event) -> None:
    reads = InMemoryEventReads(uow.store)
    assert await GetEvent(reads).execute(event.id) == EventView.of(event)
    with pytest.raises(EventNotFound):
        await GetEvent(reads).execute(uuid4())


async def test_listing_events_uses_the_clock_to_hide_events_that_are_over(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    soon = await add_event(starts_in=timedelta(hours=1))
    later = await add_event(starts_in=timedelta(days=2))
    clock.advance(hours=3)  # `soon` lasted two hours

    listed = await ListEvents(InMemoryEventReads(uow.store), clock).execute(
        ListEventsQuery(EventFilter())
    )
    page = listed.page

    assert [listed.id for listed in page.items] == [later.id]
    assert (page.total, page.total_is_exact) == (1, True)
    assert soon.id not in {listed.id for listed in page.items}


async def test_the_booker_and_admins_can_read_a_booking(
    uow: InMemoryUnitOfWork, people: People, booking: Booking
) -> None:
    assert await GetBooking(uow).execute(GetBookingQuery(people.customer, booking.id)) == booking
    assert await GetBooking(uow).execute(GetBookingQuery(people.admin, booking.id)) == booking


@pytest.mark.parametrize("who", ["stranger", "owner"])
async def test_a_booking_does_not_exist_for_anyone_else(
    uow: InMemoryUnitOfWork, people: People, booking: Booking, who: str
) -> None:
    with pytest.raises(BookingNotFound):
        await GetBooking(uow).execute(GetBookingQuery(getattr(people, who), booking.id))


async def test_users_list_their_own_bookings_newest_first(
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    codes: FakeTicketCodes,
    people: People,
    event: Event,
    booking: Booking,
) -> None:
    clock.advance(minutes=5)
    newer = await BookTickets(uow, clock, codes, InMemoryTicketSales(uow.store)).execute(
        BookTicketsCommand(people.customer, event.id, 1)
    )

    page = await ListUserBookings(uow).execute(
        ListUserBookingsQuery(people.customer, people.customer.user_id, PAGE)
    )

    assert [b.id for b in page.items] == [newer.booking.id, booking.id]
    assert page.total == 2


async def test_an_admin_lists_anyones_bookings_but_a_customer_only_their_own(
    uow: InMemoryUnitOfWork, people: People, booking: Booking
) -> None:
    page = await ListUserBookings(uow).execute(
        ListUserBookingsQuery(people.admin, people.customer.user_id, PAGE)
    )
    assert [b.id for b in page.items] == [booking.id]

    with pytest.raises(PermissionDenied):
        await ListUserBookings(uow).execute(
            ListUserBookingsQuery(people.stranger, people.customer.user_id, PAGE)
        )


async def test_an_admin_asking_for_an_unknown_users_bookings_is_told_there_is_no_such_user(
    uow: InMemoryUnitOfWork, people: People
) -> None:
    with pytest.raises(UserNotFound):
        await ListUserBookings(uow).execute(ListUserBookingsQuery(people.admin, uuid4(), PAGE))


def managers(people: People) -> list[Principal]:
    return [people.owner, people.admin]


def outsiders(people: People) -> list[Principal]:
    return [people.customer, people.stranger]


async def test_only_the_owner_or_an_admin_lists_an_events_bookings(
    uow: InMemoryUnitOfWork, people: People, event: Event, booking: Booking
) -> None:
    for actor in managers(people):
        page = await ListEventBookings(uow).execute(ListEventBookingsQuery(actor, event.id, PAGE))
        assert page.total == 2
        assert page.items[-1].id == booking.id
    for actor in outsiders(people):
        with pytest.raises(PermissionDenied):
            await ListEventBookings(uow).execute(ListEventBookingsQuery(actor, event.id, PAGE))


async def test_only_the_owner_or_an_admin_lists_attendees_in_order_of_registration(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, event: Event
) -> None:
    register = RegisterAttendee(uow, clock)
    for name in ("meera", "arjun"):
        await register.execute(RegisterAttendeeCommand(event.id, name, f"{name}@example.com"))
        clock.advance(seconds=1)

    for actor in managers(people):
        page = await ListAttendees(uow).execute(ListAttendeesQuery(actor, event.id, PAGE))
        assert [r.name for r in page.items] == ["meera", "arjun"]
    for actor in outsiders(people):
        with pytest.raises(PermissionDenied):
            await ListAttendees(uow).execute(ListAttendeesQuery(actor, event.id, PAGE))


async def test_event_stats_count_bookings_tickets_registrations_and_revenue(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, event: Event, booking: Booking
) -> None:
    await RegisterAttendee(uow, clock).execute(
        RegisterAttendeeCommand(event.id, "Meera", "meera@example.com")
    )

    stats = await GetEventStats(uow).execute(EventStatsQuery(people.owner, event.id))

    assert (stats.bookings, stats.tickets_sold, stats.registrations) == (2, 3, 1)
    assert (stats.revenue, stats.currency) == (Decimal("301.50"), "INR")
    assert (stats.seats_taken, stats.capacity) == (4, 10)


async def test_event_stats_are_for_managers_of_existing_events_only(
    uow: InMemoryUnitOfWork, people: People, event: Event
) -> None:
    with pytest.raises(PermissionDenied):
        await GetEventStats(uow).execute(EventStatsQuery(people.customer, event.id))
    with pytest.raises(EventNotFound):
        await GetEventStats(uow).execute(EventStatsQuery(people.admin, uuid4()))


async def test_only_admins_list_users(uow: InMemoryUnitOfWork, people: People) -> None:
    page = await ListUsers(uow).execute(ListUsersQuery(people.admin, PageRequest(1, 3)))

    assert (len(page.items), page.total) == (3, 4)
    with pytest.raises(PermissionDenied):
        await ListUsers(uow).execute(ListUsersQuery(people.customer, PAGE))
