"""The events each user saved (favourites)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from boxoffice.application.models.pagination import Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.domain.events import Event


@dataclass(frozen=True, slots=True)
class SavedEvent:
    event: Event
    saved_at: datetime


class SavedEventRepository(Protocol):
    async def add(self, user_id: UUID, event_id: UUID, saved_at: datetime) -> bool:
        """Save the event for the user; False (and nothing written) when it already was,
        even when two saves race. EventNotFound when the event does not exist."""

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        """Unsave; nothing happens when it was not saved."""

    async def list_for_user(
        self, user_id: UUID, query: EventFilter, now: datetime
    ) -> Page[SavedEvent]:
        """The user's saved events that `query` matches (as in EventRepository.list), newest
        save first."""

    async def saved_among(self, user_id: UUID, event_ids: Sequence[UUID]) -> dict[UUID, datetime]:
        """When the user saved each of these events that they saved: one query for a page."""
