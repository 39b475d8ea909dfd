"""What happened, in the past tense, recorded by the aggregates as they change. The unit of work
collects them at commit, and application/services/announce.py turns an event's changes into
its outbox message in the same transaction; the others (bookings, registrations) are kept
for the record and send nothing."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Happening:
    """Base of every domain event (named so to avoid confusion with the Event we sell)."""


@dataclass(frozen=True, slots=True)
class EventCreated(Happening):
    event_id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class EventUpdated(Happening):
    event_id: UUID
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventCancelled(Happening):
    event_id: UUID


@dataclass(frozen=True, slots=True)
class EventDeleted(Happening):
    event_id: UUID


@dataclass(frozen=True, slots=True)
class ListingChanged(Happening):
    """An imported event changed at its source: a re-import found other content."""

    event_id: UUID


@dataclass(frozen=True, slots=True)
class TicketsBooked(Happening):
    booking_id: UUID
    event_id: UUID
    quantity: int
    total_amount: Decimal


@dataclass(frozen=True, slots=True)
class BookingCancelled(Happening):
    booking_id: UUID
    event_id: UUID
    quantity: int


@dataclass(frozen=True, slots=True)
class AttendeeRegistered(Happening):
    registration_id: UUID
    event_id: UUID
