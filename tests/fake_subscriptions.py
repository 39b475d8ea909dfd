"""In-memory SubscriptionRepository and Outbox, mirroring their SQLAlchemy adapters."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.messages import EventChange
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.application.ports.subscriptions import Subscription
from boxoffice.application.services.message_codec import encode
from tests.fake_tables import (
    ConstraintViolation,
    FakeRepository,
    copy_event,
    page_of,
    sorted_by,
    utc,
)


class InMemorySubscriptionRepository(FakeRepository):
    async def add(self, user_id: UUID, event_id: UUID, subscribed_at: datetime) -> bool:
        await self._io()
        if event_id not in self._t.events:
            raise self._fail(EventNotFound())
        if (user_id, event_id) in self._t.subscriptions:
            return False
        self._t.subscriptions[user_id, event_id] = utc(subscribed_at)
        return True

    async def remove(self, user_id: UUID, event_id: UUID) -> None:
        await self._io()
        self._t.subscriptions.pop((user_id, event_id), None)

    async def subscribed_at(self, user_id: UUID, event_id: UUID) -> datetime | None:
        await self._io()
        return self._t.subscriptions.get((user_id, event_id))

    async def list_for_user(self, user_id: UUID, page: PageRequest) -> Page[Subscription]:
        await self._io()
        found = [
            Subscription(copy_event(self._t.events[event_id]), at)
            for (owner, event_id), at in self._t.subscriptions.items()
            if owner == user_id
        ]
        newest = sorted_by(
            found, lambda s: s.subscribed_at, lambda s: s.event.id, newest_first=True
        )
        return page_of(newest, page)

    async def audience(self, event_id: UUID) -> set[UUID]:
        await self._io()
        links = [*self._t.subscriptions, *self._t.saved_events]
        return {user for user, event in links if event == event_id}


class InMemoryOutbox(FakeRepository):
    """Transactions are serial here, so `pending` needs no lock to keep relays apart."""

    added = 0

    async def add(self, change: EventChange) -> None:
        await self._io()
        message = encode(change)
        if any(m.id == message.id for m, _ in self._t.outbox):
            raise self._fail(ConstraintViolation(f"message {message.id} is in the outbox"))
        self._t.outbox.append((message, False))
        self.added += 1

    async def pending(self, limit: int) -> Sequence[BrokerMessage]:
        await self._io()
        return [m for m, sent in self._t.outbox if not sent][:limit]

    async def mark_sent(self, message_ids: Sequence[str]) -> None:
        await self._io()
        ids = set(message_ids)
        self._t.outbox[:] = [(m, sent or m.id in ids) for m, sent in self._t.outbox]
