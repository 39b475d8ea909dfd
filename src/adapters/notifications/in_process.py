"""Fan-out inside one process: the embedded default and a single notification process."""

from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import Deliver


class InProcessFanout:
    def __init__(self) -> None:
        self._deliver: Deliver | None = None

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver

    async def publish(self, notification: Notification) -> None:
        if self._deliver is not None:
            self._deliver(notification)

    async def aclose(self) -> None:
        self._deliver = None
