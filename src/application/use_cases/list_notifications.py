from dataclasses import dataclass

from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal

REPLAY_PAGE = 500


@dataclass(frozen=True, slots=True)
class ListNotificationsQuery:
    principal: Principal
    page: PageRequest
    unread_only: bool = False


class ListNotifications:
    """The caller's history, newest first."""

    def __init__(self, uow: NotificationUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListNotificationsQuery) -> Page[HistoryItem]:
        async with self._uow as uow:
            return await uow.notifications.history(
                query.principal.user_id, query.page, query.unread_only
            )


class ReplayNotifications:
    """What a reconnecting client missed after the last id it saw, oldest first, one page
    (`page_size`) at a time: a full page means there may be more after its last id."""

    def __init__(self, uow: NotificationUnitOfWork, page_size: int = REPLAY_PAGE) -> None:
        self._uow = uow
        self.page_size = page_size

    async def execute(self, principal: Principal, after_id: int) -> list[Notification]:
        async with self._uow as uow:
            return await uow.notifications.missed(principal.user_id, after_id, self.page_size)
