"""Filters for the lists the application serves."""

from dataclasses import dataclass, field
from datetime import datetime

from application.pagination import PageRequest
from domain.events import EventStatus
from domain.listings import EventSource


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Active events without `starts_from` are those not yet over;
    cancelled and completed ones are listed whenever they were."""

    page: PageRequest = field(default_factory=PageRequest)
    text: str | None = None
    city: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    status: EventStatus = EventStatus.ACTIVE
    tag: str | None = None
    source: EventSource | None = None
