"""The events each user follows: they hear about every change of them."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.domain.events import Event


@dataclass(frozen=True, slots=True)
class Subscription:
    event: Event
    subscribed_at: datetime


class SubscriptionRepository(Protocol):
    async def add(self, user_id: UUID, event_id: UUID, subscribed_at: datetime) -> bool:
        """Subscribe; False (and nothing written) when already subscribed, even when two
        subscriptions race. EventNotFound when the event does not exist."""

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        """Unsubscribe; nothing happens when not subscribed."""

    async def subscribed_at(self, user_id: UUID, event_id: UUID) -> datetime | None: ...

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Subscription]:
        """Every event the user subscribed to (past and cancelled ones too), newest first."""

    async def audience(self, event_id: UUID) -> set[UUID]:
        """The users to tell about a change of the event: its subscribers and the users who
        saved it (saving an event subscribes to it)."""
