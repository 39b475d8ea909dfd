from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.book_tickets import BookTicketsCommand
from boxoffice.domain.bookings import MAX_QUANTITY, Booking, BookingStatus
from boxoffice.domain.tickets import TicketStatus
from boxoffice.entrypoints.http.schemas.common import Request


class BookingIn(Request):
    event_id: UUID
    quantity: Annotated[int, msgspec.Meta(ge=1, le=MAX_QUANTITY)]

    def to_command(self, actor: Principal, idempotency_key: str | None) -> BookTicketsCommand:
        return BookTicketsCommand(actor, self.event_id, self.quantity, idempotency_key)


class TicketOut(msgspec.Struct):
    code: str
    status: TicketStatus


class BookingOut(msgspec.Struct):
    id: UUID
    event_id: UUID
    user_id: UUID
    quantity: int
    unit_price: Decimal
    total_amount: Decimal
    currency: str
    status: BookingStatus
    booked_at: datetime
    cancelled_at: datetime | None
    tickets: list[TicketOut]

    @classmethod
    def from_booking(cls, booking: Booking, tz: tzinfo) -> "BookingOut":
        return cls(
            id=booking.id,
            event_id=booking.event_id,
            user_id=booking.user_id,
            quantity=booking.quantity,
            unit_price=booking.unit_price,
            total_amount=booking.total,
            currency=booking.currency,
            status=booking.status,
            booked_at=booking.booked_at.astimezone(tz),
            cancelled_at=None
            if booking.cancelled_at is None
            else booking.cancelled_at.astimezone(tz),
            tickets=[TicketOut(t.code.value, t.status) for t in booking.tickets],
        )
