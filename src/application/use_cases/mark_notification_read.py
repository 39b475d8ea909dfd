from dataclasses import dataclass

from boxoffice.application.models.notifications import NotificationNotFound
from boxoffice.application.ports.notifications import NotificationStore
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class MarkNotificationReadCommand:
    principal: Principal
    notification_id: int


class MarkNotificationRead:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, command: MarkNotificationReadCommand) -> None:
        """Another user's notification is 'not found', so that its existence is not revealed."""
        if not await self._store.mark_read(command.principal.user_id, command.notification_id):
            raise NotificationNotFound(f"no notification {command.notification_id} for you")
