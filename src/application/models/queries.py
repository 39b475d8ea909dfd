"""Filters for the lists the application serves."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from boxoffice.application.models.pagination import PageRequest
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.events import EventStatus
from boxoffice.domain.geo import Circle
from boxoffice.domain.listings import EventSource


class EventOrder(StrEnum):
    START_TIME = "start_time"  # soonest first
    DISTANCE = "distance"  # nearest to `near`'s centre first, then soonest


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Active events without `starts_from` are those not yet over;
    cancelled and completed ones are listed whenever they were. With `near`, only events
    with coordinates inside its circle."""

    page: PageRequest = field(default_factory=PageRequest)
    text: str | None = None
    city: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    status: EventStatus = EventStatus.ACTIVE
    tag: str | None = None
    source: EventSource | None = None
    near: Circle | None = None
    order: EventOrder = EventOrder.START_TIME

    def __post_init__(self) -> None:
        if self.order is EventOrder.DISTANCE and self.near is None:
            raise InvalidValue("sort", "sorting by distance needs a place to measure from")
