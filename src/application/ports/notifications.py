"""Where notifications are kept, and how every process hears of a new one."""

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from boxoffice.application.models.messages import EventChange
from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest


class NotificationStore(Protocol):
    """The notifications, read and written inside a NotificationUnitOfWork's transaction; the
    store never commits."""

    async def record(self, change: EventChange) -> Notification | None:
        """Store the change with its recipients; None when a notification for this message
        id is already stored (a re-delivery), in the same statement."""

    async def missed(self, user_id: UUID, after_id: int, limit: int) -> list[Notification]:
        """The user's notifications with an id above `after_id`, oldest first."""

    async def history(
        self, user_id: UUID, page: PageRequest, unread_only: bool
    ) -> Page[HistoryItem]:
        """The user's notifications, newest first, each marked read or not."""

    async def mark_read(self, user_id: UUID, notification_id: int) -> bool:
        """False when the notification does not exist or does not concern the user."""

    async def mark_all_read(self, user_id: UUID) -> None: ...


class NotificationUnitOfWork(Protocol):
    """The notification service's transaction: `async with uow:` opens it; leaving it without
    `commit()` rolls back. It may be entered again after it was left: a new transaction."""

    @property
    def notifications(self) -> NotificationStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


Deliver = Callable[[Notification], None]


class NotificationFanout(Protocol):
    """Carries each stored notification to every notification-service process."""

    async def start(self, deliver: Deliver) -> None:
        """From when this returns until `aclose`, every notification published by any process
        sharing the fan-out is handed to `deliver`, once, in this process."""

    async def publish(self, notification: Notification) -> None: ...

    async def aclose(self) -> None: ...
