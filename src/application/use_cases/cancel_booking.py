from dataclasses import dataclass
from uuid import UUID

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import load_event, load_visible_booking
from boxoffice.domain.bookings import Booking
from boxoffice.domain.errors import EventNotOpen


@dataclass(frozen=True, slots=True)
class CancelBookingCommand:
    actor: Principal
    booking_id: UUID


class CancelBooking:
    """The booker or an admin cancels before the event starts; seats go back on sale.

    Cancelling twice is harmless: the second time changes nothing and frees nothing.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: CancelBookingCommand) -> Booking:
        now = self._clock.now()
        async with self._uow as uow:
            booking = await load_visible_booking(uow, command.actor, command.booking_id)
            if booking.is_cancelled:
                return booking
            event = await load_event(uow, booking.event_id)
            if event.details.slot.has_started(now):
                raise EventNotOpen("the event has started; its bookings can no longer be cancelled")
            if await uow.bookings.mark_cancelled(booking.id, now):
                await uow.events.release_seats(booking.event_id, booking.quantity)
            booking.cancel(now)
            await uow.commit()
        logger.bind(booking_id=str(booking.id)).info("booking cancelled")
        return booking
