from dataclasses import dataclass

from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import NotificationUnitOfWork
from boxoffice.application.services.auth import Principal

REPLAY_PAGE = 500


@dataclass(frozen=True, slots=True)
class ReplayQuery:
    principal: Principal
    after_id: int  # the last notification the client saw


class ReplayNotifications:
    """What a reconnecting client missed after the last id it saw, oldest first, one page
    (`page_size`) at a time: a full page means there may be more after its last id."""

    def __init__(self, uow: NotificationUnitOfWork, page_size: int = REPLAY_PAGE) -> None:
        self._uow = uow
        self.page_size = page_size

    async def execute(self, query: ReplayQuery) -> list[Notification]:
        async with self._uow as uow:
            return await uow.notifications.missed(
                query.principal.user_id, query.after_id, self.page_size
            )
