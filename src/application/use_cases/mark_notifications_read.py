from boxoffice.application.models.notifications import NotificationNotFound
from boxoffice.application.ports.notifications import NotificationStore
from boxoffice.application.services.auth import Principal


class MarkNotificationRead:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, principal: Principal, notification_id: int) -> None:
        """Another user's notification is 'not found', so that its existence is not revealed."""
        if not await self._store.mark_read(principal.user_id, notification_id):
            raise NotificationNotFound(f"no notification {notification_id} for you")


class MarkAllNotificationsRead:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, principal: Principal) -> None:
        await self._store.mark_all_read(principal.user_id)
