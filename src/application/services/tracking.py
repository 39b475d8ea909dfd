"""What a unit of work saw: the aggregates its repositories handed out or were given.

Every unit of work wraps its own event, booking and registration repositories in these, and
calls `Tracker.announce()` at commit: the new domain events of what it saw become outbox
messages in the same transaction (services/announce.py). A delete announces first, while
what the messages need to read (the audience of the event) is still there.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.models.stats import EventStats
from boxoffice.application.ports.repositories import (
    BookingRepository,
    EventRepository,
    RegistrationRepository,
)
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.announce import Acting, Aggregate, announce
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource
from boxoffice.domain.registrations import Registration

A = TypeVar("A", bound=Aggregate)


class Tracker:
    """One transaction's aggregates, in the order first seen, and who acts in it."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._seen: dict[int, Aggregate] = {}
        self.acting: Acting | None = None

    def track(self, aggregate: A) -> A:
        self._seen.setdefault(id(aggregate), aggregate)
        return aggregate

    def track_page(self, page: Page[A]) -> Page[A]:
        for item in page.items:
            self.track(item)
        return page

    def forget(self) -> None:
        """A rollback: what was seen is no news."""
        self._seen.clear()

    async def announce(self) -> None:
        seen, self._seen = list(self._seen.values()), {}
        await announce(self._uow, seen, self.acting)


class TrackingEventRepository:
    def __init__(self, events: EventRepository, tracker: Tracker) -> None:
        self._events = events
        self._tracker = tracker

    async def add(self, event: Event) -> None:
        await self._events.add(self._tracker.track(event))

    async def get(self, event_id: UUID) -> Event | None:
        event = await self._events.get(event_id)
        return None if event is None else self._tracker.track(event)

    async def save(self, event: Event) -> None:
        await self._events.save(self._tracker.track(event))

    async def delete(self, event_id: UUID) -> None:
        """Announced first: a deletion's recipients are read before the delete cascades."""
        await self._tracker.announce()
        await self._events.delete(event_id)

    async def list(self, query: EventFilter, now: datetime) -> Page[Event]:
        return self._tracker.track_page(await self._events.list(query, now))

    async def claim_seats(self, event_id: UUID, quantity: int, now: datetime) -> bool:
        return await self._events.claim_seats(event_id, quantity, now)

    async def release_seats(self, event_id: UUID, quantity: int) -> None:
        await self._events.release_seats(event_id, quantity)

    async def stats(self, event_id: UUID) -> EventStats:
        return await self._events.stats(event_id)

    async def get_by_external_id(self, source: EventSource, external_id: str) -> Event | None:
        event = await self._events.get_by_external_id(source, external_id)
        return None if event is None else self._tracker.track(event)

    async def content_hashes(
        self, source: EventSource, external_ids: Sequence[str]
    ) -> dict[str, str]:
        return await self._events.content_hashes(source, external_ids)

    async def upsert_imported(self, event: Event, now: datetime) -> ImportOutcome:
        return await self._events.upsert_imported(self._tracker.track(event), now)


class TrackingBookingRepository:
    def __init__(self, bookings: BookingRepository, tracker: Tracker) -> None:
        self._bookings = bookings
        self._tracker = tracker

    async def add(self, booking: Booking) -> None:
        await self._bookings.add(self._tracker.track(booking))

    async def get(self, booking_id: UUID) -> Booking | None:
        booking = await self._bookings.get(booking_id)
        return None if booking is None else self._tracker.track(booking)

    async def get_by_idempotency_key(self, user_id: UUID, key: str) -> Booking | None:
        booking = await self._bookings.get_by_idempotency_key(user_id, key)
        return None if booking is None else self._tracker.track(booking)

    async def mark_cancelled(self, booking_id: UUID, now: datetime) -> bool:
        return await self._bookings.mark_cancelled(booking_id, now)

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Booking]:
        return self._tracker.track_page(await self._bookings.list_for_user(user_id, page))

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Booking]:
        return self._tracker.track_page(await self._bookings.list_for_event(event_id, page))

    async def cancel_all_for_event(self, event_id: UUID, now: datetime) -> int:
        return await self._bookings.cancel_all_for_event(event_id, now)

    async def any_for_event(self, event_id: UUID) -> bool:
        return await self._bookings.any_for_event(event_id)


class TrackingRegistrationRepository:
    def __init__(self, registrations: RegistrationRepository, tracker: Tracker) -> None:
        self._registrations = registrations
        self._tracker = tracker

    async def add(self, registration: Registration) -> None:
        await self._registrations.add(self._tracker.track(registration))

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Registration]:
        return self._tracker.track_page(await self._registrations.list_for_event(event_id, page))

    async def any_for_event(self, event_id: UUID) -> bool:
        return await self._registrations.any_for_event(event_id)
