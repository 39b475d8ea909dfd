"""What a reader sees of an event: read straight from storage, never validated again.

The read side (lists and single events) answers with these instead of loading aggregates:
the rules an aggregate enforces were checked when it was written.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.listings import EventSource, Listing


@dataclass(frozen=True, slots=True)
class EventView:
    id: UUID
    title: str
    description: str
    location: str
    city: str
    start_time: datetime
    end_time: datetime
    timezone: str
    capacity: int | None
    seats_taken: int
    price: Decimal
    currency: str
    status: EventStatus
    tags: tuple[str, ...]
    created_by: UUID | None
    created_at: datetime
    registration_requires_sign_in: bool
    listing: Listing | None = None  # imported events: what their seller says
    saved: bool | None = None  # whether the viewer saved it; None for an anonymous viewer
    coordinates: Coordinates | None = None  # where it happens, when known
    distance_km: float | None = None  # from a list's `near` centre, when one was given
    shown_attachment_id: UUID | None = None  # the chosen attachment, else the first one

    @property
    def source(self) -> EventSource:
        return EventSource.LOCAL if self.listing is None else self.listing.source

    @property
    def bookable(self) -> bool:
        return self.listing is None

    @property
    def seats_available(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @classmethod
    def of(cls, event: Event, saved: bool | None = None) -> "EventView":
        d = event.details
        return cls(
            id=event.id,
            title=d.title,
            description=d.description,
            location=d.location,
            city=d.city,
            start_time=d.slot.start,
            end_time=d.slot.end,
            timezone=d.slot.timezone,
            capacity=d.capacity,
            seats_taken=event.seats_taken,
            price=d.price,
            currency=d.currency,
            status=event.status,
            tags=d.tags,
            created_by=event.created_by,
            created_at=event.created_at,
            registration_requires_sign_in=event.registration_requires_sign_in,
            listing=event.listing,
            saved=saved,
            coordinates=d.coordinates,
            shown_attachment_id=event.shown_attachment_id,
        )
