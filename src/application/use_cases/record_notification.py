from loguru import logger

from boxoffice.application.models.messages import EventChange
from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import NotificationFanout, NotificationStore


class RecordNotification:
    """Stores a change from the broker once, then hands it to every process's sockets.

    The store drops a second delivery of one message id in the insert itself, so a
    re-delivered message is neither stored nor pushed twice. The fan-out happens after the
    commit: a socket never shows a notification that the history could lose.
    """

    def __init__(self, store: NotificationStore, fanout: NotificationFanout) -> None:
        self._store = store
        self._fanout = fanout

    async def execute(self, change: EventChange) -> Notification | None:
        stored = await self._store.record(change)
        if stored is None:
            logger.info("message {} already recorded; dropped", change.id)
            return None
        logger.info("notification {} recorded for {} {}", stored.id, stored.kind, stored.event_id)
        await self._fanout.publish(stored)
        return stored
