"""The sockets this process holds, by user, each with its own bounded queue and writer.

Handing a notification to a socket never waits: it is put on the socket's queue, or, when
the queue is full, the socket is condemned (closed with 1013) and the others carry on. So a
slow client costs its own queue's memory and nothing else.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from uuid import UUID

from loguru import logger

from boxoffice.application.models.notifications import Notification
from boxoffice.entrypoints.notifications.wire import render

TRY_AGAIN_LATER = 1013  # the client fell behind; it may reconnect and resume
GOING_AWAY = 1001

Send = Callable[[str], Awaitable[None]]


class Connection:
    def __init__(self, user_id: UUID, send: Send, capacity: int) -> None:
        self.user_id = user_id
        self._send = send
        self._queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue(capacity)
        self._verdict: tuple[int, str] | None = None
        self._condemned = asyncio.Event()

    def offer(self, notification_id: int, text: str) -> None:
        if self._condemned.is_set():
            return
        try:
            self._queue.put_nowait((notification_id, text))
        except asyncio.QueueFull:
            self.condemn(TRY_AGAIN_LATER, "too slow: send queue full")

    def condemn(self, code: int, reason: str) -> None:
        if not self._condemned.is_set():
            self._verdict = (code, reason)
            self._condemned.set()

    async def condemned(self) -> tuple[int, str]:
        await self._condemned.wait()
        assert self._verdict is not None
        return self._verdict

    async def write(self, already_sent: set[int]) -> None:
        """Send queued messages in order, skipping notifications the replay sent already."""
        while True:
            notification_id, text = await self._queue.get()
            if notification_id not in already_sent:
                await self._send(text)


class Hub:
    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._by_user: dict[UUID, set[Connection]] = {}

    def connect(self, user_id: UUID, send: Send) -> Connection:
        connection = Connection(user_id, send, self.capacity)
        self._by_user.setdefault(user_id, set()).add(connection)
        return connection

    def disconnect(self, connection: Connection) -> None:
        held = self._by_user.get(connection.user_id)
        if held is not None:
            held.discard(connection)
            if not held:
                del self._by_user[connection.user_id]

    @property
    def connections(self) -> int:
        return sum(len(held) for held in self._by_user.values())

    def dispatch(self, notification: Notification) -> None:
        """Offer a notification to every socket of every user it reaches; never waits."""
        text = render(notification)
        for connection in self._reached_by(notification):
            connection.offer(notification.id, text)

    def close_all(self, reason: str = "server shutting down") -> None:
        for connection in self._all():
            connection.condemn(GOING_AWAY, reason)

    def _reached_by(self, notification: Notification) -> Iterable[Connection]:
        if notification.for_everyone:
            return list(self._all())
        users = set(notification.recipients)
        if notification.creator_id is not None:
            users.add(notification.creator_id)
        return [c for user in users for c in self._by_user.get(user, ())]

    def _all(self) -> Iterable[Connection]:
        return [c for held in self._by_user.values() for c in held]


def safely(deliver: Callable[[Notification], None]) -> Callable[[Notification], None]:
    """A delivery that logs its failure instead of ending the fan-out's listener."""

    def guarded(notification: Notification) -> None:
        try:
            deliver(notification)
        except Exception:
            logger.opt(exception=True).error("notification {} not dispatched", notification.id)

    return guarded
