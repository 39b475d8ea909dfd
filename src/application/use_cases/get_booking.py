from uuid import UUID

from boxoffice.application.errors import BookingNotFound
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.domain.bookings import Booking


async def load_visible_booking(uow: UnitOfWork, actor: Principal, booking_id: UUID) -> Booking:
    """The booking if the actor booked it or is an admin; otherwise it does not exist for them."""
    booking = await uow.bookings.get(booking_id)
    if booking is None or (booking.user_id != actor.user_id and not actor.is_admin):
        raise BookingNotFound
    return booking


class GetBooking:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal, booking_id: UUID) -> Booking:
        async with self._uow as uow:
            return await load_visible_booking(uow, actor, booking_id)
