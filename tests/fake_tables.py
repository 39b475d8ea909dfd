"""The fake database's tables and the plumbing every in-memory repository shares."""

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.domain.attachments import Attachment
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.registrations import Registration
from boxoffice.domain.tickets import Ticket
from boxoffice.domain.users import User

T = TypeVar("T")


class ConstraintViolation(Exception):
    """A schema rule the SQL adapters do not translate (they let IntegrityError through)."""


@dataclass
class Tables:
    users: dict[UUID, User] = field(default_factory=dict)
    events: dict[UUID, Event] = field(default_factory=dict)
    registrations: dict[UUID, Registration] = field(default_factory=dict)
    bookings: dict[UUID, Booking] = field(default_factory=dict)
    # market -> (lease_until, last_success_at, last_error)
    market_syncs: dict[str, tuple[datetime | None, datetime | None, str | None]] = field(
        default_factory=dict
    )
    saved_events: dict[tuple[UUID, UUID], datetime] = field(default_factory=dict)  # (user, event)
    subscriptions: dict[tuple[UUID, UUID], datetime] = field(default_factory=dict)  # (user, event)
    # (message, sent) in the order added; entries are replaced, never changed in place
    outbox: list[tuple[BrokerMessage, bool]] = field(default_factory=list)
    aborted: bool = False
    attachments: dict[UUID, Attachment] = field(default_factory=dict)

    def copy(self) -> "Tables":
        if self.aborted:
            raise ConstraintViolation("current transaction is aborted; roll back first")
        return Tables(
            dict(self.users),
            dict(self.events),
            dict(self.registrations),
            dict(self.bookings),
            dict(self.market_syncs),
            dict(self.saved_events),
            dict(self.subscriptions),
            list(self.outbox),
            attachments=dict(self.attachments),
        )


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime given to a UTC column")
    return moment.astimezone(UTC)


def copy_event(event: Event, **changes: Any) -> Event:
    values: dict[str, Any] = {
        "id": event.id,
        "details": event.details,
        "created_at": utc(event.created_at),
        "created_by": event.created_by,
        "status": event.status,
        "seats_taken": event.seats_taken,
        "listing": event.listing,
        "registration_requires_sign_in": event.registration_requires_sign_in,
    }
    return Event(**(values | changes))


def copy_booking(b: Booking, **changes: Any) -> Booking:
    values: dict[str, Any] = {
        "id": b.id,
        "user_id": b.user_id,
        "event_id": b.event_id,
        "quantity": b.quantity,
        "unit_price": b.unit_price,
        "currency": b.currency,
        "booked_at": utc(b.booked_at),
        "tickets": [Ticket(t.code, t.status) for t in b.tickets],
        "status": b.status,
        "idempotency_key": b.idempotency_key,
        "cancelled_at": None if b.cancelled_at is None else utc(b.cancelled_at),
    }
    return Booking(**(values | changes))


def page_of(items: list[T], page: PageRequest) -> Page[T]:
    return Page(items[page.offset : page.offset + page.size], page.page, page.size, len(items))


def sorted_by(items: Iterable[T], *keys: Callable[[T], Any], newest_first: bool = False) -> list[T]:
    """Sorted by the first key (descending if newest_first), ties broken by the rest ascending."""
    result = sorted(items, key=lambda item: tuple(k(item) for k in keys[1:]))
    return sorted(result, key=keys[0], reverse=newest_first)


class FakeRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def _io(self) -> None:
        await asyncio.sleep(0)  # a real driver awaits the network here
        if self._t.aborted:
            raise ConstraintViolation("current transaction is aborted; roll back first")

    def _fail(self, error: Exception) -> Exception:
        self._t.aborted = True
        return error
