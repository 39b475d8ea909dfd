from loguru import logger

from boxoffice.application.models.messages import EventChange
from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import NotificationFanout, NotificationUnitOfWork


class RecordNotification:
    """Stores a change from the broker once, then hands it to every process's sockets.

    The store drops a second delivery of one message id in the insert itself, so a
    re-delivered message is neither stored nor pushed twice. The fan-out happens after the
    commit: a socket never shows a notification that the history could lose.
    """

    def __init__(self, uow: NotificationUnitOfWork, fanout: NotificationFanout) -> None:
        self._uow = uow
        self._fanout = fanout

    async def execute(self, change: EventChange) -> Notification | None:
        async with self._uow as uow:
            stored = await uow.notifications.record(change)
            if stored is None:
                logger.info("message {} already recorded; dropped", change.id)
                return None
            await uow.commit()
        logger.info("notification {} recorded for {} {}", stored.id, stored.kind, stored.event_id)
        await self._fanout.publish(stored)
        return stored
