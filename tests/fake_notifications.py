"""In-memory fakes of the notification ports, held to the same contract suites as the real
adapters (tests/integration/test_notification_*_contract.py)."""

import asyncio
from uuid import UUID, uuid4

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import Deliver
from tests.builders import NOW


class InMemoryNotificationStore:
    def __init__(self) -> None:
        self.notifications: list[Notification] = []
        self._message_ids: set[UUID] = set()
        self._reads: set[tuple[UUID, int]] = set()
        self._read_up_to: dict[UUID, int] = {}

    async def record(self, change: EventChange) -> Notification | None:
        await asyncio.sleep(0)
        if change.id in self._message_ids:
            return None
        self._message_ids.add(change.id)
        stored = Notification.of(len(self.notifications) + 1, change)
        self.notifications.append(stored)
        return stored

    async def missed(self, user_id: UUID, after_id: int, limit: int) -> list[Notification]:
        await asyncio.sleep(0)
        found = [n for n in self.notifications if n.id > after_id and n.reaches(user_id)]
        return found[:limit]

    async def history(
        self, user_id: UUID, page: PageRequest, unread_only: bool
    ) -> Page[HistoryItem]:
        await asyncio.sleep(0)
        items = [
            HistoryItem(n, self._is_read(user_id, n.id))
            for n in reversed(self.notifications)
            if n.reaches(user_id)
        ]
        if unread_only:
            items = [item for item in items if not item.read]
        chosen = items[page.offset : page.offset + page.size]
        return Page(chosen, page.page, page.size, len(items))

    async def mark_read(self, user_id: UUID, notification_id: int) -> bool:
        await asyncio.sleep(0)
        if not any(n.id == notification_id and n.reaches(user_id) for n in self.notifications):
            return False
        self._reads.add((user_id, notification_id))
        return True

    async def mark_all_read(self, user_id: UUID) -> None:
        await asyncio.sleep(0)
        if self.notifications:
            latest = self.notifications[-1].id
            self._read_up_to[user_id] = max(latest, self._read_up_to.get(user_id, 0))

    def _is_read(self, user_id: UUID, notification_id: int) -> bool:
        watermark = self._read_up_to.get(user_id, 0)
        return notification_id <= watermark or (user_id, notification_id) in self._reads


class RecordingFanout:
    """Keeps what was published, in order, and hands it on like the in-process fan-out."""

    def __init__(self) -> None:
        self.published: list[Notification] = []
        self._deliver: Deliver | None = None

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver

    async def publish(self, notification: Notification) -> None:
        self.published.append(notification)
        if self._deliver is not None:
            self._deliver(notification)

    async def aclose(self) -> None:
        self._deliver = None


def a_change(
    action: ChangeAction = ChangeAction.CREATED,
    *,
    recipients: tuple[UUID, ...] | None = None,
    creator: UUID | None = None,
    event_id: UUID | None = None,
    title: str = "Jazz at Dusk",
    actor: str = "priya",
    message_id: UUID | None = None,
) -> EventChange:
    """A change as the event service sends it; `recipients` None (everyone) fits a creation."""
    return EventChange(
        id=message_id or uuid4(),
        action=action,
        event_id=event_id or uuid4(),
        title=title,
        occurred_at=NOW,
        actor=actor,
        creator_id=creator,
        recipients=recipients,
    )
