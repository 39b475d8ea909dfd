"""Valid aggregates with sensible defaults, so each test states only what matters to it."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from boxoffice.application.ports.ticket_codes import TicketCodes
from boxoffice.application.services.auth import Principal
from boxoffice.domain.bookings import Booking
from boxoffice.domain.clock import TimeSlot
from boxoffice.domain.events import Event, EventDetails
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import Role, User

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def a_slot(start: datetime, hours: float = 2, timezone: str = "Asia/Kolkata") -> TimeSlot:
    return TimeSlot(start, start + timedelta(hours=hours), timezone)


def event_details(start: datetime, **overrides: Any) -> EventDetails:
    values: dict[str, Any] = {
        "title": "Jazz Night",
        "location": "Blue Frog",
        "slot": a_slot(start),
        "capacity": 100,
        "description": "Live jazz, two sets",
        "city": "Mumbai",
        "price": Decimal("499.00"),
        "currency": "INR",
        "tags": ("jazz", "music"),
    }
    return EventDetails(**(values | overrides))


def an_event(
    now: datetime = NOW,
    *,
    owner: UUID | None = None,
    starts_in: timedelta = timedelta(days=7),
    **details: Any,
) -> Event:
    return Event.create(uuid4(), event_details(now + starts_in, **details), owner, now)


def a_user(
    username: str = "priya", role: Role = Role.CUSTOMER, created_at: datetime = NOW, **fields: Any
) -> User:
    values: dict[str, Any] = {
        "id": uuid4(),
        "username": username,
        "email": f"{username}@example.com",
        "role": role,
        "created_at": created_at,
    }
    return User(**(values | fields))


def principal_of(user: User) -> Principal:
    return Principal(user.id, user.role, user.is_verified, user.username)


def a_booking(
    user_id: UUID,
    event: Event,
    codes: TicketCodes,
    now: datetime = NOW,
    *,
    quantity: int = 1,
    key: str | None = None,
) -> Booking:
    d = event.details
    return Booking.place(
        uuid4(), user_id, event.id, d.price, d.currency, codes.issue(quantity), now, key
    )


def a_registration(
    event_id: UUID, email: str, now: datetime = NOW, name: str = "Meera Iyer"
) -> Registration:
    return Registration(uuid4(), event_id, name, email, now)
