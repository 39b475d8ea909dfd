from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class EventStats:
    bookings: int
    cancelled_bookings: int
    tickets_sold: int
    registrations: int
    revenue: Decimal
    currency: str
    seats_taken: int
    capacity: int
