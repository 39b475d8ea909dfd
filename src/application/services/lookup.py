"""Loading what a command names, or raising the "not found" error the caller answers with.

Call these inside an open unit of work.
"""

import re
from uuid import UUID

from boxoffice.application.errors import BookingNotFound, EventNotFound
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource

# Ticketmaster ids are short runs of letters, digits, '-' and '_'; nothing else is looked up.
EXTERNAL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


async def load_event(uow: UnitOfWork, event_id: UUID) -> Event:
    """The event, or EventNotFound."""
    event = await uow.events.get(event_id)
    if event is None:
        raise EventNotFound
    return event


async def load_visible_booking(uow: UnitOfWork, actor: Principal, booking_id: UUID) -> Booking:
    """The booking if the actor booked it or is an admin; otherwise it does not exist for them."""
    booking = await uow.bookings.get(booking_id)
    if booking is None or (booking.user_id != actor.user_id and not actor.is_admin):
        raise BookingNotFound
    return booking


def as_uuid(event_ref: str) -> UUID | None:
    try:
        return UUID(event_ref)
    except ValueError:
        return None


async def find_event(uow: UnitOfWork, event_ref: str) -> Event | None:
    """The stored event `event_ref` names (our UUID, else a Ticketmaster id), or None."""
    event_id = as_uuid(event_ref)
    if event_id is not None and (event := await uow.events.get(event_id)) is not None:
        return event
    if not EXTERNAL_ID.fullmatch(event_ref):
        return None
    return await uow.events.get_by_external_id(EventSource.TICKETMASTER, event_ref)
