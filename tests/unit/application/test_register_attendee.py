"""RegisterAttendee: anyone registers by name and e-mail, once per address, taking a seat."""

import asyncio
import contextlib
from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.application.errors import EventNotFound, RateLimiterUnavailable, TooManyRequests
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.ports.rate_limiter import RateDecision, RateLimiter
from boxoffice.application.services.limits import Limit
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
    RegistrationLimits,
)
from boxoffice.domain.errors import (
    AlreadyRegistered,
    EventNotOpen,
    InvalidValue,
    NotEnoughSeats,
    SignInRequired,
)
from boxoffice.domain.events import Event, EventStatus
from tests.builders import NOW, an_event
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People, stored_event

ALL = PageRequest(1, 100)


@pytest.fixture
def register(uow: InMemoryUnitOfWork, clock: FixedClock) -> RegisterAttendee:
    return RegisterAttendee(uow, clock)


async def attendees(uow: InMemoryUnitOfWork, event_id: UUID) -> list[str]:
    async with uow:
        page = await uow.registrations.list_for_event(event_id, ALL)
    return [r.email for r in page.items]


async def test_registering_records_the_attendee_and_takes_one_seat(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    event = await add_event(capacity=3)

    registration = await register.execute(
        RegisterAttendeeCommand(event.id, " Meera Iyer ", "Meera@Example.com")
    )

    assert (registration.event_id, registration.name) == (event.id, "Meera Iyer")
    assert registration.registered_at == clock.now()
    assert await attendees(uow, event.id) == ["Meera@Example.com"]
    assert (await stored_event(uow, event.id)).seats_taken == 1


async def test_an_address_registers_once_per_event_whatever_its_case(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, add_event: AddEvent
) -> None:
    event = await add_event(capacity=3)
    await register.execute(RegisterAttendeeCommand(event.id, "Meera", "meera@example.com"))

    with pytest.raises(AlreadyRegistered):
        await register.execute(RegisterAttendeeCommand(event.id, "M. Iyer", "MEERA@example.COM"))

    assert await attendees(uow, event.id) == ["meera@example.com"]
    assert (await stored_event(uow, event.id)).seats_taken == 1


async def test_the_same_address_may_register_for_another_event(
    register: RegisterAttendee, add_event: AddEvent
) -> None:
    first, second = await add_event(), await add_event()
    await register.execute(RegisterAttendeeCommand(first.id, "Meera", "meera@example.com"))

    again = await register.execute(RegisterAttendeeCommand(second.id, "Meera", "meera@example.com"))

    assert again.event_id == second.id


async def test_racing_registrations_of_one_address_give_exactly_one_registration(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, add_event: AddEvent
) -> None:
    event = await add_event(capacity=50)
    command = RegisterAttendeeCommand(event.id, "Meera", "meera@example.com")

    results = await asyncio.gather(
        *(register.execute(command) for _ in range(10)), return_exceptions=True
    )

    assert sum(isinstance(r, AlreadyRegistered) for r in results) == 9
    assert (await stored_event(uow, event.id)).seats_taken == 1


async def test_registrations_and_bookings_draw_on_the_same_seats(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, add_event: AddEvent
) -> None:
    event = await add_event(capacity=1)
    await register.execute(RegisterAttendeeCommand(event.id, "Meera", "meera@example.com"))

    with pytest.raises(NotEnoughSeats):
        await register.execute(RegisterAttendeeCommand(event.id, "Arjun", "arjun@example.com"))

    assert await attendees(uow, event.id) == ["meera@example.com"]


async def test_an_address_already_registered_is_told_so_even_when_the_event_is_full(
    register: RegisterAttendee, add_event: AddEvent
) -> None:
    event = await add_event(capacity=1)
    await register.execute(RegisterAttendeeCommand(event.id, "Meera", "meera@example.com"))

    with pytest.raises(AlreadyRegistered):
        await register.execute(RegisterAttendeeCommand(event.id, "Meera", "Meera@example.com"))


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.COMPLETED])
async def test_a_closed_event_takes_no_registrations(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, add_event: AddEvent, status: EventStatus
) -> None:
    event = await add_event()
    event.change_status(status)
    async with uow:
        await uow.events.save(event)
        await uow.commit()

    with pytest.raises(EventNotOpen):
        await register.execute(RegisterAttendeeCommand(event.id, "Meera", "meera@example.com"))

    assert await attendees(uow, event.id) == []


async def test_a_started_event_takes_no_registrations(
    register: RegisterAttendee, clock: FixedClock, add_event: AddEvent
) -> None:
    event = await add_event(starts_in=timedelta(hours=1))
    clock.advance(hours=1)

    with pytest.raises(EventNotOpen, match="started"):
        await register.execute(RegisterAttendeeCommand(event.id, "Meera", "meera@example.com"))


async def test_an_unknown_event_takes_no_registrations(register: RegisterAttendee) -> None:
    with pytest.raises(EventNotFound):
        await register.execute(RegisterAttendeeCommand(uuid4(), "Meera", "meera@example.com"))


@pytest.mark.parametrize(("name", "email"), [("", "meera@example.com"), ("Meera", "meera")])
async def test_a_registration_needs_a_name_and_a_valid_address(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, add_event: AddEvent, name: str, email: str
) -> None:
    event = await add_event()

    with pytest.raises(InvalidValue):
        await register.execute(RegisterAttendeeCommand(event.id, name, email))

    assert (await stored_event(uow, event.id)).seats_taken == 0


class UnreachableLimiter:
    async def hit(self, key: str, limit: int, window_seconds: int) -> RateDecision:
        raise RateLimiterUnavailable("no Redis")


def limited(uow: InMemoryUnitOfWork, clock: FixedClock, limiter: RateLimiter) -> RegisterAttendee:
    limits = RegistrationLimits(per_client=Limit(3, 60), per_client_and_event=Limit(2, 60))
    return RegisterAttendee(uow, clock, limiter, limits)


async def test_a_client_registers_at_most_the_per_event_limit_for_one_event(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    register = limited(uow, clock, InMemoryRateLimiter())
    event = await add_event(capacity=10)
    for i in range(2):
        await register.execute(RegisterAttendeeCommand(event.id, "G", f"g{i}@x.org", "1.2.3.4"))

    with pytest.raises(TooManyRequests) as refused:
        await register.execute(RegisterAttendeeCommand(event.id, "G", "g9@x.org", "1.2.3.4"))

    assert 1 <= refused.value.retry_after <= 60
    assert (await stored_event(uow, event.id)).seats_taken == 2
    await register.execute(RegisterAttendeeCommand(event.id, "G", "g9@x.org", "5.6.7.8"))


async def test_a_refused_registration_does_not_count_against_the_limit_across_events(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    register = limited(uow, clock, InMemoryRateLimiter())
    first, second = await add_event(), await add_event()
    for i in range(4):  # two pass, two are refused by the per-event limit
        with contextlib.suppress(TooManyRequests):
            await register.execute(RegisterAttendeeCommand(first.id, "G", f"g{i}@x.org", "ip"))

    await register.execute(RegisterAttendeeCommand(second.id, "G", "h@x.org", "ip"))
    with pytest.raises(TooManyRequests):
        await register.execute(RegisterAttendeeCommand(second.id, "G", "i@x.org", "ip"))


async def test_registrations_go_on_unlimited_while_the_counter_is_unreachable(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    register = limited(uow, clock, UnreachableLimiter())
    event = await add_event(capacity=10)

    for i in range(4):
        await register.execute(RegisterAttendeeCommand(event.id, "G", f"g{i}@x.org", "ip"))

    assert (await stored_event(uow, event.id)).seats_taken == 4


async def test_an_event_for_signed_in_users_only_refuses_an_anonymous_registration(
    register: RegisterAttendee, uow: InMemoryUnitOfWork, people: People
) -> None:
    event = Event.create(
        uuid4(),
        an_event(NOW).details,
        None,
        NOW - timedelta(days=1),
        registration_requires_sign_in=True,
    )
    async with uow:
        await uow.events.add(event)
        await uow.commit()

    with pytest.raises(SignInRequired):
        await register.execute(RegisterAttendeeCommand(event.id, "Meera", "m@example.com"))
    signed_in = RegisterAttendeeCommand(event.id, "Priya", "p@example.com", "ip", people.customer)
    registration = await register.execute(signed_in)

    assert registration.user_id == people.customer.user_id
    assert await attendees(uow, event.id) == ["p@example.com"]
