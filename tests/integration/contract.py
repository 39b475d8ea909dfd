"""Helpers for the repository contract: put aggregates in, read them back, in one transaction."""

from uuid import UUID

from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import User

ALL = PageRequest(1, 100)


async def given(
    uow: UnitOfWork,
    *,
    users: tuple[User, ...] = (),
    events: tuple[Event, ...] = (),
    bookings: tuple[Booking, ...] = (),
    registrations: tuple[Registration, ...] = (),
) -> None:
    """Adds the aggregates and commits them."""
    async with uow:
        for user in users:
            await uow.users.add(user)
        for event in events:
            await uow.events.add(event)
        for booking in bookings:
            await uow.bookings.add(booking)
        for registration in registrations:
            await uow.registrations.add(registration)
        await uow.commit()


async def event_in(uow: UnitOfWork, event_id: UUID) -> Event | None:
    async with uow:
        return await uow.events.get(event_id)


async def booking_in(uow: UnitOfWork, booking_id: UUID) -> Booking | None:
    async with uow:
        return await uow.bookings.get(booking_id)
