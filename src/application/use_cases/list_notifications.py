from dataclasses import dataclass

from application.auth import Principal
from application.notifications import HistoryItem, Notification
from application.pagination import Page, PageRequest
from application.ports.notifications import NotificationStore

MAX_REPLAY = 500


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


class ReplayNotifications:
    """What a reconnecting client missed after the last id it saw, oldest first (at most
    MAX_REPLAY: a client further behind reads the rest from the history)."""

    def __init__(self, store: NotificationStore, limit: int = MAX_REPLAY) -> None:
        self._store = store
        self._limit = limit

    async def execute(self, principal: Principal, after_id: int) -> list[Notification]:
        return await self._store.missed(principal.user_id, after_id, self._limit)
