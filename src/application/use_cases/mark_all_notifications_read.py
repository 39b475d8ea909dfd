from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal


class MarkAllNotificationsRead:
    def __init__(self, uow: NotificationUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal) -> None:
        async with self._uow as uow:
            await uow.notifications.mark_all_read(principal.user_id)
            await uow.commit()
