"""The Event aggregate: what is on, when, where, and how many seats it has."""

import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from boxoffice.domain import money
from boxoffice.domain.clock import TimeSlot
from boxoffice.domain.errors import (
    CapacityBelowSeatsTaken,
    EventNotBookable,
    EventNotOpen,
    InvalidValue,
    NotEnoughSeats,
    SignInRequired,
)
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.happenings import (
    EventCancelled,
    EventCreated,
    EventDeleted,
    EventUpdated,
    Happening,
    ListingChanged,
)
from boxoffice.domain.listings import EventSource, Listing, content_hash

MAX_CAPACITY = 1_000_000
MAX_TAGS = 10
MAX_TAG_LENGTH = 30
MAX_TITLE = 100
MAX_LOCATION = 200
MAX_DESCRIPTION = 5000
MAX_CITY = 100


class EventStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


def _text(name: str, value: str, *, limit: int, required: bool, lines: bool = False) -> str:
    cleaned = value.strip()
    allowed = "\n\r\t" if lines else ""
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in cleaned):
        raise InvalidValue(name, "must not contain control characters")
    if required and not cleaned:
        raise InvalidValue(name, "must not be empty")
    if len(cleaned) > limit:
        raise InvalidValue(name, f"must be at most {limit} characters")
    return cleaned


def _tags(values: tuple[str, ...]) -> tuple[str, ...]:
    tags = tuple(
        sorted({_text("tags", v.lower(), limit=MAX_TAG_LENGTH, required=True) for v in values})
    )
    if len(tags) > MAX_TAGS:
        raise InvalidValue("tags", f"at most {MAX_TAGS} tags")
    return tags


@dataclass(frozen=True, slots=True)
class EventDetails:
    """Everything an organiser decides about an event; validated as a whole."""

    title: str
    location: str
    slot: TimeSlot
    capacity: int | None  # None only for imported events, which are not sold here
    description: str = ""
    city: str = ""
    price: Decimal = Decimal("0.00")
    currency: str = money.DEFAULT_CURRENCY
    tags: tuple[str, ...] = ()
    coordinates: Coordinates | None = None  # where it is on the map, when known

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "title", _text("title", self.title, limit=MAX_TITLE, required=True))
        set_(self, "location", _text("location", self.location, limit=MAX_LOCATION, required=True))
        description = _text(
            "description", self.description, limit=MAX_DESCRIPTION, required=False, lines=True
        )
        set_(self, "description", description)
        set_(self, "city", _text("city", self.city, limit=MAX_CITY, required=False))
        set_(self, "price", money.price(self.price))
        set_(self, "currency", money.currency(self.currency))
        set_(self, "tags", _tags(tuple(self.tags)))
        if self.capacity is not None and not 0 < self.capacity <= MAX_CAPACITY:
            raise InvalidValue("capacity", f"must be between 1 and {MAX_CAPACITY}")
        if self.coordinates is not None and not isinstance(self.coordinates, Coordinates):
            raise InvalidValue("coordinates", "must be a longitude and a latitude")


@dataclass(slots=True)
class Event:
    id: UUID
    details: EventDetails
    created_at: datetime
    created_by: UUID | None = None
    status: EventStatus = EventStatus.ACTIVE
    seats_taken: int = 0
    listing: Listing | None = None
    # The organiser's choice: registrations only from signed-in users (never anonymous ones).
    registration_requires_sign_in: bool = False
    # The attachment the organiser chose to show; without one, the first is shown (read side).
    attachment_id: UUID | None = None
    shown_attachment_id: UUID | None = field(default=None, compare=False)
    happenings: list[Happening] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        if (self.listing is None) != (self.details.capacity is not None):
            raise InvalidValue("capacity", "our own events have a capacity, imported ones none")

    @property
    def source(self) -> EventSource:
        return EventSource.LOCAL if self.listing is None else self.listing.source

    @property
    def bookable(self) -> bool:
        return self.listing is None

    def content_hash(self) -> str:
        """Equal for two imports that would store the same thing."""
        return content_hash(self.details, self.listing, self.status.value)

    def ensure_bookable(self) -> None:
        """Imported events are sold by their own seller, at the listing's page."""
        if self.listing is not None:
            raise EventNotBookable(self.listing.source.value, self.listing.url)

    def ensure_registrable_by(self, signed_in: bool) -> None:
        if self.registration_requires_sign_in and not signed_in:
            raise SignInRequired("this event takes registrations from signed-in users only")

    def require_sign_in_to_register(self, required: bool) -> None:
        if required is not self.registration_requires_sign_in:
            self._ensure_local()
            self.registration_requires_sign_in = required
            self.happenings.append(EventUpdated(self.id, ("registration_requires_sign_in",)))

    def choose_attachment(self, attachment_id: UUID) -> None:
        """Show this attachment (one of the event's own: the caller checks that)."""
        if attachment_id != self.attachment_id:
            self._ensure_local()
            self.attachment_id = self.shown_attachment_id = attachment_id
            self.happenings.append(EventUpdated(self.id, ("attachment_id",)))

    @classmethod
    def create(
        cls,
        event_id: UUID,
        details: EventDetails,
        created_by: UUID | None,
        now: datetime,
        *,
        registration_requires_sign_in: bool = False,
    ) -> "Event":
        if details.slot.has_started(now):
            raise InvalidValue("start_time", "must not be in the past")
        event = cls(event_id, details, now, created_by)
        event.registration_requires_sign_in = registration_requires_sign_in
        event.happenings.append(EventCreated(event_id, details.title))
        return event

    @property
    def seats_available(self) -> int | None:
        if self.details.capacity is None:
            return None
        return max(self.details.capacity - self.seats_taken, 0)

    def is_open(self, now: datetime) -> bool:
        return self.status is EventStatus.ACTIVE and not self.details.slot.has_started(now)

    def revise(self, details: EventDetails) -> None:
        """Replace the organiser's choices; capacity may never drop below seats taken."""
        if self.status is EventStatus.CANCELLED:
            raise EventNotOpen("a cancelled event cannot be changed")
        self._ensure_local()
        if details.capacity is None:
            raise InvalidValue("capacity", f"must be between 1 and {MAX_CAPACITY}")
        if details.capacity < self.seats_taken:
            raise CapacityBelowSeatsTaken(details.capacity, self.seats_taken)
        changed = tuple(
            f.name
            for f in fields(EventDetails)
            if getattr(details, f.name) != getattr(self.details, f.name)
        )
        self.details = details
        if changed:
            self.happenings.append(EventUpdated(self.id, changed))

    def change_status(self, status: EventStatus) -> None:
        """Active events may complete or be cancelled; a cancelled event stays cancelled."""
        if status is self.status:
            return
        self._ensure_local()
        if self.status is EventStatus.CANCELLED:
            raise EventNotOpen("a cancelled event cannot be changed")
        if status is EventStatus.CANCELLED:
            self.cancel()
            return
        self.status = status
        self.happenings.append(EventUpdated(self.id, ("status",)))

    def ensure_open(self, now: datetime) -> None:
        if self.status is not EventStatus.ACTIVE:
            raise EventNotOpen(f"the event is {self.status.value}")
        if self.details.slot.has_started(now):
            raise EventNotOpen("the event has already started")

    def take_seats(self, quantity: int, now: datetime) -> None:
        """The rule the database applies atomically; here for in-memory use and tests."""
        self.ensure_bookable()
        self.ensure_open(now)
        if quantity <= 0:
            raise InvalidValue("quantity", "must be positive")
        available = self.seats_available or 0
        if quantity > available:
            raise NotEnoughSeats(quantity, available)
        self.seats_taken += quantity

    def release_seats(self, quantity: int) -> None:
        self.seats_taken = max(self.seats_taken - quantity, 0)

    def cancel(self) -> None:
        if self.status is not EventStatus.CANCELLED:
            self.status = EventStatus.CANCELLED
            self.happenings.append(EventCancelled(self.id))

    def delete(self) -> None:
        """Record that the event goes for good (the caller checked that nobody booked or
        registered for it, and removes it from its repository)."""
        self.happenings.append(EventDeleted(self.id))

    def changed_at_source(self) -> None:
        """Record that a re-import found this imported event's content changed upstream."""
        self.happenings.append(ListingChanged(self.id))

    def _ensure_local(self) -> None:
        if self.listing is not None:
            raise EventNotOpen(f"an event imported from {self.listing.source} changes only there")

    def with_details(self, **changes: object) -> EventDetails:
        """The current details with some fields replaced (and validated again)."""
        return replace(self.details, **changes)  # type: ignore[arg-type]
