"""In-memory fakes of the notification ports, held to the same contract suites as the real
adapters (tests/integration/test_notification_*_contract.py)."""

import asyncio
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self
from uuid import UUID, uuid4

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import Deliver
from tests.builders import NOW
from tests.fakes import take_write_lock


@dataclass
class NotificationTables:
    notifications: list[Notification] = field(default_factory=list)
    message_ids: set[UUID] = field(default_factory=set)
    reads: set[tuple[UUID, int]] = field(default_factory=set)
    read_up_to: dict[UUID, int] = field(default_factory=dict)

    def copy(self) -> "NotificationTables":
        return NotificationTables(
            list(self.notifications), set(self.message_ids), set(self.reads), dict(self.read_up_to)
        )


class InMemoryNotificationDatabase:
    """The committed notifications that units of work share: the fake's database."""

    def __init__(self) -> None:
        self.committed = NotificationTables()
        self.commits = 0
        self.lock = asyncio.Lock()


class InMemoryNotificationStore:
    """Reads and writes the tables of one transaction; never commits."""

    def __init__(self, tables: NotificationTables) -> None:
        self._tables = tables

    async def record(self, change: EventChange) -> Notification | None:
        await asyncio.sleep(0)
        tables = self._tables
        if change.id in tables.message_ids:
            return None
        tables.message_ids.add(change.id)
        stored = Notification.of(len(tables.notifications) + 1, change)
        tables.notifications.append(stored)
        return stored

    async def missed(self, user_id: UUID, after_id: int, limit: int) -> list[Notification]:
        await asyncio.sleep(0)
        notifications = self._tables.notifications
        found = [n for n in notifications if n.id > after_id and n.reaches(user_id)]
        return found[:limit]

    async def history(
        self, user_id: UUID, page: PageRequest, unread_only: bool
    ) -> Page[HistoryItem]:
        await asyncio.sleep(0)
        items = [
            HistoryItem(n, self._is_read(user_id, n.id))
            for n in reversed(self._tables.notifications)
            if n.reaches(user_id)
        ]
        if unread_only:
            items = [item for item in items if not item.read]
        chosen = items[page.offset : page.offset + page.size]
        return Page(chosen, page.page, page.size, len(items))

    async def mark_read(self, user_id: UUID, notification_id: int) -> bool:
        await asyncio.sleep(0)
        notifications = self._tables.notifications
        if not any(n.id == notification_id and n.reaches(user_id) for n in notifications):
            return False
        self._tables.reads.add((user_id, notification_id))
        return True

    async def mark_all_read(self, user_id: UUID) -> None:
        await asyncio.sleep(0)
        tables = self._tables
        if tables.notifications:
            latest = tables.notifications[-1].id
            tables.read_up_to[user_id] = max(latest, tables.read_up_to.get(user_id, 0))

    def _is_read(self, user_id: UUID, notification_id: int) -> bool:
        watermark = self._tables.read_up_to.get(user_id, 0)
        return notification_id <= watermark or (user_id, notification_id) in self._tables.reads


class InMemoryNotificationUnitOfWork:
    """`async with` takes the database's write lock and a private copy of its tables, as
    tests/fakes.py's unit of work does; `commit()` publishes the copy."""

    notifications: InMemoryNotificationStore

    def __init__(self, database: InMemoryNotificationDatabase | None = None) -> None:
        self.database = database or InMemoryNotificationDatabase()
        self._tables: NotificationTables | None = None

    async def __aenter__(self) -> Self:
        if self._tables is not None:
            raise RuntimeError("this unit of work is already open")
        await take_write_lock(self.database.lock, "database")
        self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._tables is None:
            return
        self._tables = None
        self.database.lock.release()

    async def commit(self) -> None:
        self.database.committed = self._open()
        self.database.commits += 1
        self._begin()

    async def rollback(self) -> None:
        self._open()
        self._begin()

    def _open(self) -> NotificationTables:
        if self._tables is None:
            raise RuntimeError("the unit of work is not open")
        return self._tables

    def _begin(self) -> None:
        self._tables = self.database.committed.copy()
        self.notifications = InMemoryNotificationStore(self._tables)


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
