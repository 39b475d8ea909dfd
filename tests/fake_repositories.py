"""In-memory repositories over one set of tables, mirroring src/adapters/sqlalchemy/*.py.

Stored aggregates are never handed out or changed in place: reads and writes copy them, and
updates replace them, so a shallow copy of the tables is a faithful transaction snapshot.
Like PostgreSQL, a transaction in which a constraint failed refuses further work.
Text is compared by fold_case, the lower() of both databases.
"""

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from boxoffice.application.errors import (
    DuplicateIdempotencyKey,
    EmailTaken,
    EventNotFound,
    IdentityTaken,
    UsernameTaken,
)
from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.models.queries import EventFilter, EventOrder
from boxoffice.application.models.stats import EventStats
from boxoffice.domain.bookings import Booking, BookingStatus
from boxoffice.domain.case import fold_case
from boxoffice.domain.errors import AlreadyRegistered, CapacityBelowSeatsTaken, Conflict
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.geo import Coordinates, haversine
from boxoffice.domain.listings import EventSource
from boxoffice.domain.registrations import Registration
from boxoffice.domain.tickets import Ticket, TicketStatus
from boxoffice.domain.users import User
from tests.fake_tables import (
    ConstraintViolation,
    FakeRepository,
    Tables,
    copy_booking,
    copy_event,
    page_of,
    sorted_by,
    utc,
)

__all__ = [
    "ConstraintViolation",
    "InMemoryBookingRepository",
    "InMemoryEventRepository",
    "InMemoryRegistrationRepository",
    "InMemoryUserRepository",
    "Tables",
]


def event_matches(event: Event, query: EventFilter, now: datetime) -> bool:
    d = event.details
    if event.status is not query.status:
        return False
    if query.source is not None and event.source is not query.source:
        return False
    if query.starts_from is not None:
        if d.slot.start < utc(query.starts_from):
            return False
    elif d.slot.end <= utc(now):
        return False
    if query.starts_before is not None and d.slot.start >= utc(query.starts_before):
        return False
    if query.city and fold_case(d.city) != fold_case(query.city.strip()):
        return False
    if query.tag and query.tag.strip().lower() not in d.tags:
        return False
    if query.near is not None and (d.coordinates is None or not query.near.contains(d.coordinates)):
        return False
    if query.text:
        needle = fold_case(query.text.strip())
        return any(needle in fold_case(text) for text in (d.title, d.description, d.location))
    return True


class InMemoryEventRepository(FakeRepository):
    async def add(self, event: Event) -> None:
        await self._io()
        if event.id in self._t.events:
            raise self._fail(ConstraintViolation("pk_events"))
        if event.created_by is not None and event.created_by not in self._t.users:
            raise self._fail(ConstraintViolation("fk_events_created_by_users"))
        if not 0 <= event.seats_taken <= (event.details.capacity or 0):
            raise self._fail(ConstraintViolation("ck_events_seats_within_capacity"))
        self._t.events[event.id] = copy_event(event)

    async def get(self, event_id: UUID) -> Event | None:
        await self._io()
        stored = self._t.events.get(event_id)
        return None if stored is None else copy_event(stored)

    async def save(self, event: Event) -> None:
        await self._io()
        stored = self._t.events.get(event.id)
        if stored is None:
            raise self._fail(EventNotFound())
        capacity = event.details.capacity
        if capacity is None or capacity < stored.seats_taken:
            raise self._fail(CapacityBelowSeatsTaken(capacity or 0, stored.seats_taken))
        self._t.events[event.id] = copy_event(
            stored,
            details=event.details,
            status=event.status,
            registration_requires_sign_in=event.registration_requires_sign_in,
        )

    async def delete(self, event_id: UUID) -> None:
        await self._io()
        dependents = [b.event_id for b in self._t.bookings.values()]
        dependents += [r.event_id for r in self._t.registrations.values()]
        if event_id in dependents:
            raise self._fail(Conflict("the event has bookings or registrations; cancel it instead"))
        self._t.events.pop(event_id, None)
        for links in (self._t.saved_events, self._t.subscriptions):
            for key in [k for k in links if k[1] == event_id]:
                del links[key]  # ON DELETE CASCADE
        for attachment in [a for a in self._t.attachments.values() if a.event_id == event_id]:
            del self._t.attachments[attachment.id]

    async def list(self, query: EventFilter, now: datetime) -> Page[Event]:
        await self._io()
        found = [e for e in self._t.events.values() if event_matches(e, query, now)]
        ordered = sorted_by(found, lambda e: e.details.slot.start, lambda e: e.id)
        if query.near is not None and query.order is EventOrder.DISTANCE:
            center = query.near.center
            ordered.sort(key=lambda e: haversine(center, located(e)))
        return page_of([copy_event(e) for e in ordered], query.page)

    async def claim_seats(self, event_id: UUID, quantity: int, now: datetime) -> bool:
        await self._io()
        event = self._t.events.get(event_id)
        if (
            event is None
            or event.status is not EventStatus.ACTIVE
            or event.details.slot.start <= utc(now)
            or event.details.capacity is None
            or event.seats_taken + quantity > event.details.capacity
        ):
            return False
        self._t.events[event_id] = copy_event(event, seats_taken=event.seats_taken + quantity)
        return True

    async def release_seats(self, event_id: UUID, quantity: int) -> None:
        await self._io()
        event = self._t.events.get(event_id)
        if event is None:
            return
        if event.seats_taken - quantity < 0:
            raise self._fail(ConstraintViolation("ck_events_seats_taken_not_negative"))
        self._t.events[event_id] = copy_event(event, seats_taken=event.seats_taken - quantity)

    async def stats(self, event_id: UUID) -> EventStats:
        await self._io()
        event = self._t.events.get(event_id)
        if event is None:
            raise LookupError("no such event")
        of_event = [b for b in self._t.bookings.values() if b.event_id == event_id]
        confirmed = [b for b in of_event if b.status is BookingStatus.CONFIRMED]
        return EventStats(
            bookings=len(confirmed),
            cancelled_bookings=len(of_event) - len(confirmed),
            tickets_sold=sum(len(b.active_tickets()) for b in confirmed),
            registrations=sum(r.event_id == event_id for r in self._t.registrations.values()),
            revenue=sum((b.total for b in confirmed), Decimal("0.00")),
            currency=event.details.currency,
            seats_taken=event.seats_taken,
            capacity=event.details.capacity,
        )

    def _imported(self, source: EventSource, external_id: str) -> Event | None:
        return next(
            (
                e
                for e in self._t.events.values()
                if e.listing and e.source is source and e.listing.external_id == external_id
            ),
            None,
        )

    async def get_by_external_id(self, source: EventSource, external_id: str) -> Event | None:
        await self._io()
        stored = self._imported(source, external_id)
        return None if stored is None else copy_event(stored)

    async def content_hashes(
        self, source: EventSource, external_ids: Sequence[str]
    ) -> dict[str, str]:
        await self._io()
        found = (self._imported(source, i) for i in external_ids)
        return {e.listing.external_id: e.content_hash() for e in found if e and e.listing}

    async def upsert_imported(self, event: Event, now: datetime) -> ImportOutcome:
        await self._io()
        assert event.listing is not None, "only imported events are upserted"
        stored = self._imported(event.source, event.listing.external_id)
        if stored is None:
            self._t.events[event.id] = copy_event(event, created_at=now, seats_taken=0)
            return ImportOutcome.CREATED
        if stored.content_hash() == event.content_hash():
            return ImportOutcome.UNCHANGED
        self._t.events[stored.id] = copy_event(
            event, id=stored.id, created_at=stored.created_at, seats_taken=0
        )
        return ImportOutcome.UPDATED


class InMemoryBookingRepository(FakeRepository):
    async def add(self, booking: Booking) -> None:
        await self._io()
        if booking.id in self._t.bookings:
            raise self._fail(ConstraintViolation("pk_bookings"))
        key = booking.idempotency_key
        if key is not None and any(
            b.user_id == booking.user_id and b.idempotency_key == key
            for b in self._t.bookings.values()
        ):
            raise self._fail(DuplicateIdempotencyKey())
        if booking.user_id not in self._t.users:
            raise self._fail(ConstraintViolation("fk_bookings_user_id_users"))
        if booking.event_id not in self._t.events:
            raise self._fail(ConstraintViolation("fk_bookings_event_id_events"))
        taken = {t.code for b in self._t.bookings.values() for t in b.tickets}
        if any(t.code in taken for t in booking.tickets):
            raise self._fail(ConstraintViolation("uq_tickets_code"))
        self._t.bookings[booking.id] = copy_booking(booking)

    async def get(self, booking_id: UUID) -> Booking | None:
        await self._io()
        stored = self._t.bookings.get(booking_id)
        return None if stored is None else copy_booking(stored)

    async def get_by_idempotency_key(self, user_id: UUID, key: str) -> Booking | None:
        await self._io()
        for b in self._t.bookings.values():
            if b.user_id == user_id and b.idempotency_key == key:
                return copy_booking(b)
        return None

    async def mark_cancelled(self, booking_id: UUID, now: datetime) -> bool:
        await self._io()
        stored = self._t.bookings.get(booking_id)
        if stored is None or stored.status is not BookingStatus.CONFIRMED:
            return False
        self._t.bookings[booking_id] = self._cancelled(stored, now)
        return True

    async def cancel_all_for_event(self, event_id: UUID, now: datetime) -> int:
        await self._io()
        confirmed = [
            b
            for b in self._t.bookings.values()
            if b.event_id == event_id and b.status is BookingStatus.CONFIRMED
        ]
        for b in confirmed:
            self._t.bookings[b.id] = self._cancelled(b, now)
        return len(confirmed)

    async def any_for_event(self, event_id: UUID) -> bool:
        await self._io()
        return any(b.event_id == event_id for b in self._t.bookings.values())

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Booking]:
        return await self._page(lambda b: b.user_id == user_id, page)

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Booking]:
        return await self._page(lambda b: b.event_id == event_id, page)

    async def _page(self, where: Callable[[Booking], bool], page: PageRequest) -> Page[Booking]:
        await self._io()
        found = [b for b in self._t.bookings.values() if where(b)]
        ordered = sorted_by(found, lambda b: b.booked_at, lambda b: b.id, newest_first=True)
        return page_of([copy_booking(b) for b in ordered], page)

    @staticmethod
    def _cancelled(booking: Booking, now: datetime) -> Booking:
        tickets = [
            Ticket(t.code, TicketStatus.CANCELLED if t.status is TicketStatus.ACTIVE else t.status)
            for t in booking.tickets
        ]
        return copy_booking(
            booking, status=BookingStatus.CANCELLED, cancelled_at=utc(now), tickets=tickets
        )


class InMemoryRegistrationRepository(FakeRepository):
    async def add(self, registration: Registration) -> None:
        await self._io()
        if registration.id in self._t.registrations:
            raise self._fail(ConstraintViolation("pk_registrations"))
        if any(
            r.event_id == registration.event_id and r.email_key == registration.email_key
            for r in self._t.registrations.values()
        ):
            raise self._fail(AlreadyRegistered())
        if registration.event_id not in self._t.events:  # a racing request deleted it
            raise self._fail(EventNotFound())
        stored = dataclasses.replace(registration, registered_at=utc(registration.registered_at))
        self._t.registrations[registration.id] = stored

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Registration]:
        await self._io()
        found = [r for r in self._t.registrations.values() if r.event_id == event_id]
        return page_of(sorted_by(found, lambda r: r.registered_at, lambda r: r.id), page)

    async def any_for_event(self, event_id: UUID) -> bool:
        await self._io()
        return any(r.event_id == event_id for r in self._t.registrations.values())


class InMemoryUserRepository(FakeRepository):
    async def add(self, user: User) -> None:
        await self._io()
        if user.id in self._t.users:
            raise self._fail(ConstraintViolation("pk_users"))
        if any(fold_case(u.username) == fold_case(user.username) for u in self._t.users.values()):
            raise self._fail(UsernameTaken())
        if any(fold_case(u.email) == fold_case(user.email) for u in self._t.users.values()):
            raise self._fail(EmailTaken())
        if user.auth_issuer is not None and any(
            (u.auth_issuer, u.auth_subject) == (user.auth_issuer, user.auth_subject)
            for u in self._t.users.values()
        ):
            raise self._fail(IdentityTaken())
        self._t.users[user.id] = dataclasses.replace(user, created_at=utc(user.created_at))

    async def update_profile(self, user: User) -> None:
        await self._io()
        stored = self._t.users.get(user.id)
        if stored is None:
            return
        if any(
            u.id != user.id and fold_case(u.email) == fold_case(user.email)
            for u in self._t.users.values()
        ):
            raise self._fail(EmailTaken())
        self._t.users[user.id] = dataclasses.replace(
            stored,
            email=user.email,
            full_name=user.full_name,
            role=user.role,
            is_verified=user.is_verified,
        )

    async def get_by_identity(self, issuer: str, subject: str) -> User | None:
        await self._io()
        for u in self._t.users.values():
            if (u.auth_issuer, u.auth_subject) == (issuer, subject):
                return dataclasses.replace(u)
        return None

    async def get(self, user_id: UUID) -> User | None:
        await self._io()
        stored = self._t.users.get(user_id)
        return None if stored is None else dataclasses.replace(stored)

    async def get_by_login(self, login: str) -> User | None:
        await self._io()
        key = fold_case(login)
        for u in self._t.users.values():
            if key in (fold_case(u.username), fold_case(u.email)):
                return dataclasses.replace(u)
        return None

    async def list(self, page: PageRequest) -> Page[User]:
        await self._io()
        ordered = sorted_by(self._t.users.values(), lambda u: u.created_at, lambda u: u.id)
        return page_of([dataclasses.replace(u) for u in ordered], page)


def located(event: Event) -> Coordinates:
    """Where an event that matched a `near` filter is: only events with a place match one."""
    assert event.details.coordinates is not None
    return event.details.coordinates
