"""What the database itself says about an event's seats, read with SQL behind the API's back."""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Engine, func, select

from boxoffice.adapters.sqlalchemy.tables import bookings, events, registrations, tickets


@dataclass(frozen=True)
class Ledger:
    capacity: int
    seats_taken: int
    active_tickets: int
    registrations: int
    confirmed_bookings: int
    seats_in_confirmed_bookings: int

    @property
    def seats_accounted_for(self) -> int:
        """Every seat is either an active ticket or a registration."""
        return self.active_tickets + self.registrations


def read_ledger(engine: Engine, event_id: str) -> Ledger:
    event = UUID(event_id)
    of_event = bookings.c.event_id == event
    confirmed = of_event & (bookings.c.status == "confirmed")

    ticketed = tickets.join(bookings, tickets.c.booking_id == bookings.c.id)
    query = select(
        events.c.capacity,
        events.c.seats_taken,
        select(func.count())
        .select_from(ticketed)
        .where(of_event, tickets.c.status == "active")
        .scalar_subquery(),
        select(func.count()).where(registrations.c.event_id == event).scalar_subquery(),
        select(func.count()).where(confirmed).scalar_subquery(),
        select(func.coalesce(func.sum(bookings.c.quantity), 0)).where(confirmed).scalar_subquery(),
    ).where(events.c.id == event)
    with engine.connect() as conn:
        return Ledger(*conn.execute(query).one())
