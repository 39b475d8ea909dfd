from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import load_visible_booking
from boxoffice.domain.bookings import Booking


@dataclass(frozen=True, slots=True)
class GetBookingQuery:
    actor: Principal
    booking_id: UUID


class GetBooking:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: GetBookingQuery) -> Booking:
        async with self._uow as uow:
            return await load_visible_booking(uow, query.actor, query.booking_id)
