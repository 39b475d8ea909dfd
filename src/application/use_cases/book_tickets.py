from dataclasses import dataclass
from uuid import UUID, uuid4

from loguru import logger

from boxoffice.application.errors import DuplicateIdempotencyKey, IdempotencyKeyReused
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.ticket_codes import TicketCodes
from boxoffice.application.ports.ticket_sales import TicketSales
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.bookings import Booking, BookingRequest, check_quantity
from boxoffice.domain.errors import NotEnoughSeats


@dataclass(frozen=True, slots=True)
class BookTicketsCommand:
    actor: Principal
    event_id: UUID
    quantity: int
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class BookingOutcome:
    booking: Booking
    replayed: bool = False


class BookTickets:
    """Sell seats without ever overselling; a retried request with its key books nothing twice.

    The sale is tried first, in one atomic step; reads happen only when it did not sell: to
    find the booking an earlier request with the same key made, or to explain the refusal.
    """

    def __init__(
        self, uow: UnitOfWork, clock: Clock, codes: TicketCodes, sales: TicketSales
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._codes = codes
        self._sales = sales

    async def execute(self, command: BookTicketsCommand) -> BookingOutcome:
        request = self._request(command)
        try:
            booking = await self._sales.sell(request)
        except DuplicateIdempotencyKey:
            replay = await self._replay(request)
            if replay is None:  # the racing request rolled back after all
                raise
            return replay
        if booking is None:
            return await self._refused(request)
        logger.bind(booking_id=str(booking.id), event_id=str(booking.event_id)).info(
            "booking created: {} tickets, total {}", booking.quantity, booking.total
        )
        return BookingOutcome(booking)

    def _request(self, command: BookTicketsCommand) -> BookingRequest:
        """The booking to sell; its quantity is checked before any code is issued for it."""
        return BookingRequest(
            uuid4(),
            command.actor.user_id,
            command.event_id,
            tuple(self._codes.issue(check_quantity(command.quantity))),
            self._clock.now(),
            command.idempotency_key,
        )

    async def _refused(self, request: BookingRequest) -> BookingOutcome:
        """A retry of a booking that sold the last seats is a replay, not a refusal."""
        replay = await self._replay(request)
        if replay is not None:
            return replay
        now = self._clock.now()
        async with self._uow as uow:
            event = await load_event(uow, request.event_id)
        event.ensure_bookable()
        event.ensure_open(now)
        raise NotEnoughSeats(request.quantity, event.seats_available or 0)

    async def _replay(self, request: BookingRequest) -> BookingOutcome | None:
        if request.idempotency_key is None:
            return None
        async with self._uow as uow:
            booking = await uow.bookings.get_by_idempotency_key(
                request.user_id, request.idempotency_key
            )
        if booking is None:
            return None
        if (booking.event_id, booking.quantity) != (request.event_id, request.quantity):
            raise IdempotencyKeyReused
        return BookingOutcome(booking, replayed=True)
