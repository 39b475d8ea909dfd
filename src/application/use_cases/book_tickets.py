from dataclasses import dataclass
from uuid import UUID, uuid4

from loguru import logger

from application.auth import Principal
from application.errors import DuplicateIdempotencyKey, IdempotencyKeyReused
from application.ports.clock import Clock
from application.ports.ticket_codes import TicketCodes
from application.ports.unit_of_work import UnitOfWork
from application.use_cases.claim_seats import claim_seats
from application.use_cases.get_event import load_event
from domain.bookings import MAX_QUANTITY, Booking
from domain.errors import InvalidValue


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
    """Sell seats without ever overselling; a retried request with its key books nothing twice."""

    def __init__(self, uow: UnitOfWork, clock: Clock, codes: TicketCodes) -> None:
        self._uow = uow
        self._clock = clock
        self._codes = codes

    async def execute(self, command: BookTicketsCommand) -> BookingOutcome:
        if not 1 <= command.quantity <= MAX_QUANTITY:
            raise InvalidValue("quantity", f"must be between 1 and {MAX_QUANTITY}")
        earlier = await self._replay(command)
        if earlier is not None:
            return earlier
        try:
            booking = await self._book(command)
        except DuplicateIdempotencyKey:
            replay = await self._replay(command)
            if replay is None:  # the racing request rolled back after all
                raise
            return replay
        logger.bind(booking_id=str(booking.id), event_id=str(booking.event_id)).info(
            "booking created: {} tickets, total {}", booking.quantity, booking.total
        )
        return BookingOutcome(booking)

    async def _book(self, command: BookTicketsCommand) -> Booking:
        now = self._clock.now()
        async with self._uow as uow:
            event = await load_event(uow, command.event_id)
            event.ensure_bookable()
            event.ensure_open(now)
            booking = Booking.place(
                uuid4(),
                command.actor.user_id,
                event.id,
                event.details.price,
                event.details.currency,
                self._codes.issue(command.quantity),
                now,
                command.idempotency_key,
            )
            await claim_seats(uow, event, command.quantity, now)
            await uow.bookings.add(booking)
            await uow.commit()
        return booking

    async def _replay(self, command: BookTicketsCommand) -> BookingOutcome | None:
        if command.idempotency_key is None:
            return None
        async with self._uow as uow:
            booking = await uow.bookings.get_by_idempotency_key(
                command.actor.user_id, command.idempotency_key
            )
        if booking is None:
            return None
        if (booking.event_id, booking.quantity) != (command.event_id, command.quantity):
            raise IdempotencyKeyReused
        return BookingOutcome(booking, replayed=True)
