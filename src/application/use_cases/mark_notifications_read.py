from boxoffice.application.models.notifications import NotificationNotFound
from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal


class MarkNotificationRead:
    def __init__(self, uow: NotificationUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal, notification_id: int) -> None:
        """Another user's notification is 'not found', so that its existence is not revealed."""
        async with self._uow as uow:
            if not await uow.notifications.mark_read(principal.user_id, notification_id):
                raise NotificationNotFound(f"no notification {notification_id} for you")
            await uow.commit()


class MarkAllNotificationsRead:
    def __init__(self, uow: NotificationUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal) -> None:
        async with self._uow as uow:
            await uow.notifications.mark_all_read(principal.user_id)
            await uow.commit()
