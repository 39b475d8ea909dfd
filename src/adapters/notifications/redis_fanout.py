"""Fan-out through Redis pub/sub: every notification process hears every notification.

Pub/sub keeps nothing for a process that is not listening (while Redis is away, say); the
history is the record, and a client that reconnects with its last id gets what it missed.
"""

import asyncio
import contextlib

import msgspec
from loguru import logger
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from boxoffice.adapters.notifications.wire import decode, encode
from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import Deliver

RETRY_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)


class RedisFanout:
    def __init__(self, client: Redis, channel: str) -> None:
        self._client = client
        self._channel = channel
        self._pubsub: PubSub | None = None
        self._listener: asyncio.Task[None] | None = None

    @classmethod
    def from_url(cls, url: str, channel: str) -> "RedisFanout":
        # No socket timeout: a subscriber waits on its socket for as long as nothing is said.
        return cls(
            Redis.from_url(url, socket_connect_timeout=2.0, health_check_interval=30), channel
        )

    async def start(self, deliver: Deliver) -> None:
        """Subscribes, or, with Redis away, leaves the listener to subscribe once it is back:
        a process that starts during a Redis outage serves, and hears the fan-out later."""
        self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        try:
            await self._pubsub.subscribe(self._channel)
        except (RedisError, OSError) as e:
            logger.warning("notification fan-out cannot reach Redis yet ({}); retrying", e)
        self._listener = asyncio.create_task(
            self._listen(self._pubsub, deliver), name="notification fan-out"
        )

    async def publish(self, notification: Notification) -> None:
        try:
            await self._client.publish(self._channel, encode(notification))
        except RedisError:
            # Stored already: clients that miss it live get it when they resume.
            logger.opt(exception=True).error("notification {} not fanned out", notification.id)

    async def aclose(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        if self._pubsub is not None:
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._client.aclose()

    async def _listen(self, pubsub: PubSub, deliver: Deliver) -> None:
        failures = 0
        while True:
            try:
                if not pubsub.subscribed:  # Redis was away at start
                    await pubsub.subscribe(self._channel)
                message = await pubsub.get_message(timeout=1.0)
                failures = 0
            except (RedisError, OSError):
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                logger.warning("notification fan-out lost Redis; retrying in {} s", delay)
                failures += 1
                await asyncio.sleep(delay)
                continue
            if message is not None and message.get("type") == "message":
                _hand_over(message["data"], deliver)


def _hand_over(body: bytes, deliver: Deliver) -> None:
    try:
        notification = decode(body)
    except msgspec.DecodeError:
        logger.error("not a notification on the fan-out channel: {!r}", body[:200])
        return
    deliver(notification)
