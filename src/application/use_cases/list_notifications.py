from dataclasses import dataclass

from boxoffice.application.models.notifications import HistoryItem
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import NotificationStore
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class ListNotificationsQuery:
    principal: Principal
    page: PageRequest
    unread_only: bool = False


class ListNotifications:
    """The caller's history, newest first."""

    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, query: ListNotificationsQuery) -> Page[HistoryItem]:
        return await self._store.history(query.principal.user_id, query.page, query.unread_only)
