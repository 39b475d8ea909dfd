from dataclasses import replace
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from boxoffice.application.models.event_views import EventView
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.create_event import CreateEventCommand
from boxoffice.application.use_cases.update_event import EventChanges, Keep
from boxoffice.domain.clock import DEFAULT_ZONE, MAX_ZONE_NAME
from boxoffice.domain.events import (
    MAX_CAPACITY,
    MAX_CITY,
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TITLE,
    Event,
    EventStatus,
)
from boxoffice.domain.listings import EventSource
from boxoffice.domain.money import CENT, MAX_PRICE
from boxoffice.entrypoints.http.schemas.attachments import attachment_path
from boxoffice.entrypoints.http.schemas.common import Email, PersonName, Request
from boxoffice.entrypoints.http.schemas.geo import PointIn, PointOut, coordinates_of
from boxoffice.entrypoints.http.schemas.listings import ListingOut

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TITLE, examples=["Indie Night"])]
Text = Annotated[str, msgspec.Meta(max_length=MAX_DESCRIPTION)]
Place = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_LOCATION)]
City = Annotated[str, msgspec.Meta(max_length=MAX_CITY)]
Zone = Annotated[
    str, msgspec.Meta(min_length=1, max_length=MAX_ZONE_NAME, examples=["Asia/Kolkata"])
]
Capacity = Annotated[int, msgspec.Meta(ge=1, le=MAX_CAPACITY)]
# msgspec cannot bound a Decimal (Meta(ge=...) raises TypeError at decode time): the domain's
# money rules check the range and reject negatives as a 422.
Price = Annotated[
    Decimal,
    msgspec.Meta(examples=["499.00"], description=f"decimal string, 0 to {MAX_PRICE - CENT}"),
]
Currency = Annotated[str, msgspec.Meta(pattern="^[A-Za-z]{3}$", examples=["INR"])]
Tags = Annotated[
    list[Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TAG_LENGTH)]],
    msgspec.Meta(max_length=MAX_TAGS),
]
LocalTime = Annotated[
    datetime,
    msgspec.Meta(
        description="ISO 8601; without an offset it is read in the event's timezone",
        examples=["2026-12-31T19:30:00"],
    ),
]


class EventIn(Request):
    """A new event (POST) or a whole replacement (PUT)."""

    title: Title
    location: Place
    start_time: LocalTime
    end_time: LocalTime
    capacity: Capacity
    description: Text = ""
    city: City = ""
    timezone: Zone = DEFAULT_ZONE
    price: Price = Decimal("0.00")
    currency: Currency = "INR"
    tags: Tags = []
    registration_requires_sign_in: bool = False
    coordinates: PointIn | None = None

    def to_command(self, actor: Principal) -> CreateEventCommand:
        return CreateEventCommand(
            actor=actor,
            title=self.title,
            location=self.location,
            start_time=self.start_time,
            end_time=self.end_time,
            capacity=self.capacity,
            description=self.description,
            city=self.city,
            timezone=self.timezone,
            price=self.price,
            currency=self.currency,
            tags=tuple(self.tags),
            registration_requires_sign_in=self.registration_requires_sign_in,
            coordinates=coordinates_of(self.coordinates),
        )

    def to_changes(self) -> EventChanges:
        changes = _changes(self, tuple(self.tags), getattr(self, "status", None))
        return replace(changes, coordinates=coordinates_of(self.coordinates))


class EventReplace(EventIn):
    """PUT: every field of a new event, plus optionally the status."""

    status: EventStatus | None = None


class EventPatch(Request):
    """PATCH: only the fields given change."""

    title: Title | None = None
    location: Place | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    capacity: Capacity | None = None
    description: Text | None = None
    city: City | None = None
    timezone: Zone | None = None
    price: Price | None = None
    currency: Currency | None = None
    tags: Tags | None = None
    status: EventStatus | None = None
    registration_requires_sign_in: bool | None = None
    coordinates: PointIn | msgspec.UnsetType | None = msgspec.UNSET  # null clears them
    # The attachment to show as attachment_url (one of the event's own)
    attachment_id: UUID | None = None

    def to_changes(self) -> EventChanges:
        changes = _changes(self, None if self.tags is None else tuple(self.tags), self.status)
        changes = replace(changes, attachment_id=self.attachment_id)
        if self.coordinates is msgspec.UNSET:
            return replace(changes, coordinates=Keep.KEEP)
        return replace(changes, coordinates=coordinates_of(self.coordinates))


def _changes(
    body: EventIn | EventPatch, tags: tuple[str, ...] | None, status: EventStatus | None
) -> EventChanges:
    return EventChanges(
        title=body.title,
        description=body.description,
        location=body.location,
        city=body.city,
        start_time=body.start_time,
        end_time=body.end_time,
        timezone=body.timezone,
        capacity=body.capacity,
        price=body.price,
        currency=body.currency,
        tags=tags,
        status=status,
        registration_requires_sign_in=body.registration_requires_sign_in,
    )


class EventOut(msgspec.Struct):
    id: UUID
    title: str
    description: str
    location: str
    city: str
    start_time: datetime
    end_time: datetime
    timezone: str
    capacity: int | None
    seats_available: int | None
    price: Decimal
    currency: str
    status: EventStatus
    tags: list[str]
    created_by: UUID | None
    created_at: datetime
    source: EventSource = EventSource.LOCAL
    bookable: bool = True
    registration_requires_sign_in: bool = False
    listing: ListingOut | None = None  # imported events: what their seller says
    # Where its chosen attachment (else its first) downloads; null without attachments
    attachment_url: str | None = None
    # Whether the caller saved it: only for a signed-in caller, and only where it is known.
    saved: bool | msgspec.UnsetType = msgspec.UNSET
    saved_at: datetime | msgspec.UnsetType = msgspec.UNSET
    coordinates: PointOut | None = None  # GeoJSON; null when not known
    # Great-circle kilometres from the list's `near` centre: only on a list filtered by it.
    distance_km: float | msgspec.UnsetType = msgspec.UNSET
    # Whether the caller follows it: only in one event's answer to a signed-in caller.
    subscribed: bool | msgspec.UnsetType = msgspec.UNSET

    @classmethod
    def from_event(
        cls,
        event: Event,
        tz: tzinfo,
        saved: bool | None = None,
        saved_at: datetime | None = None,
        distance_km: float | None = None,
        subscribed: bool | None = None,
    ) -> "EventOut":
        view = replace(EventView.of(event, saved), distance_km=distance_km)
        return cls.from_view(view, tz, saved_at, subscribed)

    @classmethod
    def from_view(
        cls,
        view: EventView,
        tz: tzinfo,
        saved_at: datetime | None = None,
        subscribed: bool | None = None,
    ) -> "EventOut":
        return cls(
            id=view.id,
            title=view.title,
            description=view.description,
            location=view.location,
            city=view.city,
            start_time=view.start_time.astimezone(tz),
            end_time=view.end_time.astimezone(tz),
            timezone=view.timezone,
            capacity=view.capacity,
            seats_available=view.seats_available,
            price=view.price,
            currency=view.currency,
            status=view.status,
            tags=list(view.tags),
            created_by=view.created_by,
            created_at=view.created_at.astimezone(tz),
            source=view.source,
            bookable=view.bookable,
            registration_requires_sign_in=view.registration_requires_sign_in,
            listing=None if view.listing is None else ListingOut.from_listing(view.listing, tz),
            saved=msgspec.UNSET if view.saved is None else view.saved,
            attachment_url=None
            if view.shown_attachment_id is None
            else attachment_path(view.id, view.shown_attachment_id),
            saved_at=msgspec.UNSET if saved_at is None else saved_at.astimezone(tz),
            coordinates=PointOut.of(view.coordinates),
            distance_km=msgspec.UNSET if view.distance_km is None else round(view.distance_km, 3),
            subscribed=msgspec.UNSET if subscribed is None else subscribed,
        )


class RegistrationIn(Request):
    name: PersonName
    email: Email


class RegistrationOut(msgspec.Struct):
    id: UUID
    event_id: UUID
    name: str
    email: str
    registered_at: datetime
    user_id: UUID | None = None  # the signed-in user who registered, if one did


class EventStatsOut(msgspec.Struct):
    event_id: UUID
    bookings: int
    cancelled_bookings: int
    tickets_sold: int
    registrations: int
    revenue: Decimal
    currency: str
    seats_taken: int
    capacity: int | None  # null for an imported event: it is sold by its seller, not here
    bookable: bool
