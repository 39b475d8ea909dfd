"""A booking: some seats of one event bought by one user, each seat a ticket."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from boxoffice.domain import money
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.happenings import BookingCancelled, Happening, TicketsBooked
from boxoffice.domain.tickets import Ticket, TicketCode, TicketStatus

MAX_QUANTITY = 10


def check_quantity(quantity: int) -> int:
    """How many seats one booking may hold: 1 to MAX_QUANTITY."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidValue("quantity", f"must be between 1 and {MAX_QUANTITY}")
    return quantity


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class Booking:
    id: UUID
    user_id: UUID
    event_id: UUID
    quantity: int
    unit_price: Decimal
    currency: str
    booked_at: datetime
    tickets: list[Ticket]
    status: BookingStatus = BookingStatus.CONFIRMED
    idempotency_key: str | None = None
    cancelled_at: datetime | None = None
    happenings: list[Happening] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_quantity(self.quantity)
        if len(self.tickets) != self.quantity:
            raise InvalidValue("tickets", "a booking has exactly one ticket per seat")
        if len({t.code for t in self.tickets}) != len(self.tickets):
            raise InvalidValue("tickets", "ticket codes must be unique")
        self.unit_price = money.price(self.unit_price, "unit_price")

    @classmethod
    def place(
        cls,
        booking_id: UUID,
        user_id: UUID,
        event_id: UUID,
        unit_price: Decimal,
        currency: str,
        codes: list[TicketCode],
        now: datetime,
        idempotency_key: str | None = None,
    ) -> "Booking":
        booking = cls(
            id=booking_id,
            user_id=user_id,
            event_id=event_id,
            quantity=len(codes),
            unit_price=unit_price,
            currency=currency,
            booked_at=now,
            tickets=[Ticket(code) for code in codes],
            idempotency_key=idempotency_key,
        )
        booking.happenings.append(TicketsBooked(booking_id, event_id, len(codes), booking.total))
        return booking

    @property
    def total(self) -> Decimal:
        return money.total(self.unit_price, self.quantity)

    @property
    def is_cancelled(self) -> bool:
        return self.status is BookingStatus.CANCELLED

    def cancel(self, now: datetime) -> bool:
        """Cancel the booking and its tickets; False when it was already cancelled."""
        if self.is_cancelled:
            return False
        self.status = BookingStatus.CANCELLED
        self.cancelled_at = now
        for ticket in self.tickets:
            ticket.cancel()
        self.happenings.append(BookingCancelled(self.id, self.event_id, self.quantity))
        return True

    def active_tickets(self) -> list[Ticket]:
        return [t for t in self.tickets if t.status is not TicketStatus.CANCELLED]


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """A booking before its sale: who wants how many seats of which event, with their codes.

    The sale claims the seats only while the event is open and has them (`Event.take_seats`
    states that rule) and prices the booking at the event's price in the same atomic step.
    """

    booking_id: UUID
    user_id: UUID
    event_id: UUID
    codes: tuple[TicketCode, ...]
    requested_at: datetime
    idempotency_key: str | None = None

    def __post_init__(self) -> None:
        check_quantity(len(self.codes))
        if len(set(self.codes)) != len(self.codes):
            raise InvalidValue("tickets", "ticket codes must be unique")

    @property
    def quantity(self) -> int:
        return len(self.codes)

    def priced(self, unit_price: Decimal, currency: str) -> Booking:
        """The booking this request became, sold at the event's price."""
        return Booking.place(
            self.booking_id,
            self.user_id,
            self.event_id,
            unit_price,
            currency,
            list(self.codes),
            self.requested_at,
            self.idempotency_key,
        )
