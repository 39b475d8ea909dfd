from dataclasses import dataclass

from boxoffice.application.models.notifications import NotificationNotFound
from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class MarkNotificationReadCommand:
    principal: Principal
    notification_id: int


class MarkNotificationRead:
    def __init__(self, uow: NotificationUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, command: MarkNotificationReadCommand) -> None:
        """Another user's notification is 'not found', so that its existence is not revealed."""
        async with self._uow as uow:
            if not await uow.notifications.mark_read(
                command.principal.user_id, command.notification_id
            ):
                raise NotificationNotFound(f"no notification {command.notification_id} for you")
            await uow.commit()
