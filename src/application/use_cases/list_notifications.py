from dataclasses import dataclass

from boxoffice.application.models.notifications import HistoryItem
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal


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
