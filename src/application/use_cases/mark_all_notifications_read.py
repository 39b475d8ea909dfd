from boxoffice.application.ports.notifications import NotificationStore
from boxoffice.application.services.auth import Principal


class MarkAllNotificationsRead:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, principal: Principal) -> None:
        await self._store.mark_all_read(principal.user_id)
