"""Collections of aggregates. Implementations never commit: the unit of work does."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.models.stats import EventStats
from boxoffice.domain.bookings import Booking
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import User


class EventRepository(Protocol):
    async def add(self, event: Event) -> None: ...

    async def get(self, event_id: UUID) -> Event | None: ...

    async def save(self, event: Event) -> None:
        """Persist details and status; CapacityBelowSeatsTaken if seats were taken meanwhile."""

    async def delete(self, event_id: UUID) -> None: ...

    async def list(self, query: EventFilter, now: datetime) -> Page[Event]: ...

    async def claim_seats(self, event_id: UUID, quantity: int, now: datetime) -> bool:
        """Atomically take `quantity` seats if the event is open and has them; False otherwise."""

    async def release_seats(self, event_id: UUID, quantity: int) -> None: ...

    async def stats(self, event_id: UUID) -> EventStats: ...

    async def get_by_external_id(self, source: EventSource, external_id: str) -> Event | None: ...

    async def content_hashes(
        self, source: EventSource, external_ids: Sequence[str]
    ) -> dict[str, str]:
        """The stored content hash of each of these imported events that is stored."""

    async def upsert_imported(self, event: Event, now: datetime) -> ImportOutcome:
        """Insert an imported event, or update it (and its venue, tags, attractions) when its
        content hash differs; an unchanged event is not written at all."""


class BookingRepository(Protocol):
    async def add(self, booking: Booking) -> None:
        """Raises DuplicateIdempotencyKey when the user already used the booking's key."""

    async def get(self, booking_id: UUID) -> Booking | None: ...

    async def get_by_idempotency_key(self, user_id: UUID, key: str) -> Booking | None: ...

    async def mark_cancelled(self, booking_id: UUID, now: datetime) -> bool:
        """Atomically cancel a confirmed booking and its tickets; False if it was not confirmed."""

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Booking]: ...

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Booking]: ...

    async def cancel_all_for_event(self, event_id: UUID, now: datetime) -> int:
        """Cancel every confirmed booking of the event and its tickets; how many were cancelled."""

    async def any_for_event(self, event_id: UUID) -> bool: ...


class RegistrationRepository(Protocol):
    async def add(self, registration: Registration) -> None:
        """Raises AlreadyRegistered when the e-mail is registered for the event in any case."""

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Registration]: ...

    async def any_for_event(self, event_id: UUID) -> bool: ...


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Raises UsernameTaken or EmailTaken (both compared without case)."""

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_login(self, login: str) -> User | None:
        """The user whose username or e-mail is `login`, compared without case."""

    async def get_by_identity(self, issuer: str, subject: str) -> User | None:
        """The user an identity provider knows as `subject` (compared exactly)."""

    async def update_profile(self, user: User) -> None:
        """Store e-mail, full name, role and verification; EmailTaken if the e-mail is."""

    async def list(self, page: PageRequest) -> Page[User]: ...
