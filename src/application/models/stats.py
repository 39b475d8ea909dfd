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
    capacity: int | None  # None: an imported event, sold by its seller, not here

    @property
    def bookable(self) -> bool:
        return self.capacity is not None
