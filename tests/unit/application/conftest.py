"""Use cases run against the in-memory fakes: one store per test, as a fresh database."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from boxoffice.application.services.auth import Principal
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.users import Role
from tests.builders import NOW, a_user, an_event, principal_of
from tests.fakes import (
    FakePasswordHasher,
    FakeTicketCodes,
    FakeTokens,
    FixedClock,
    InMemoryStore,
    InMemoryUnitOfWork,
)

AddEvent = Callable[..., Awaitable[Event]]


@dataclass(frozen=True)
class People:
    admin: Principal
    owner: Principal  # a customer who created events (open event creation)
    customer: Principal
    stranger: Principal  # another customer


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def uow(store: InMemoryStore) -> InMemoryUnitOfWork:
    return InMemoryUnitOfWork(store)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def codes() -> FakeTicketCodes:
    return FakeTicketCodes()


@pytest.fixture
def hasher() -> FakePasswordHasher:
    return FakePasswordHasher()


@pytest.fixture
def tokens() -> FakeTokens:
    return FakeTokens()


@pytest.fixture
async def people(uow: InMemoryUnitOfWork) -> People:
    users = [
        a_user("asha", Role.ADMIN),
        a_user("olivia"),
        a_user("priya"),
        a_user("rahul"),
    ]
    async with uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()
    return People(*(principal_of(u) for u in users))


@pytest.fixture
def add_event(uow: InMemoryUnitOfWork, people: People) -> AddEvent:
    """Stores an event owned by `people.owner` unless told otherwise."""

    async def add(owner: Principal | None = None, **details: Any) -> Event:
        event = an_event(NOW, owner=(owner or people.owner).user_id, **details)
        async with uow:
            await uow.events.add(event)
            await uow.commit()
        return event

    return add


async def stored_event(uow: InMemoryUnitOfWork, event_id: UUID) -> Event:
    async with uow:
        event = await uow.events.get(event_id)
    assert event is not None
    return event


async def stored_booking(uow: InMemoryUnitOfWork, booking_id: UUID) -> Booking:
    async with uow:
        booking = await uow.bookings.get(booking_id)
    assert booking is not None
    return booking
