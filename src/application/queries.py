"""Filters for the lists the application serves."""

from dataclasses import dataclass, field
from datetime import datetime

from application.pagination import PageRequest
from domain.events import EventStatus


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Without `starts_from`, only events not yet over are shown."""

    page: PageRequest = field(default_factory=PageRequest)
    text: str | None = None
    city: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    status: EventStatus = EventStatus.ACTIVE
    tag: str | None = None
