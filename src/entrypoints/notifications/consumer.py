"""The notification service's side of the broker: every event change becomes a notification."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from itertools import chain, repeat

from loguru import logger

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.models.messages import EventChange
from boxoffice.application.ports.message_broker import BrokerMessage, MessageBroker, MessageHandler
from boxoffice.application.services.message_codec import UndecodableMessage, decode
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.entrypoints.background import stop
from boxoffice.entrypoints.cancellation import finish_in_hand

QUEUE = "notifications"
ROUTING_KEYS = ("event.*",)
STORAGE_RETRY_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)


def notification_handler(record: Callable[[], RecordNotification]) -> MessageHandler:
    async def handle(message: BrokerMessage) -> None:
        try:
            change = decode(message)
        except UndecodableMessage:
            # Raised again so that the broker moves it aside (dead letters) after its retries.
            logger.error("undecodable message {} ({})", message.id, message.routing_key)
            raise
        await _record_patiently(record, change)

    return handle


async def _record_patiently(record: Callable[[], RecordNotification], change: EventChange) -> None:
    """While the database is away the message stays in hand, retried with a capped backoff:
    handed back, the broker would count each failure towards moving it aside (dead letters)
    and the notification would be lost to an outage. Each attempt finishes even at shutdown;
    the waits between them do not hold it up."""
    for delay in chain(STORAGE_RETRY_SECONDS, repeat(STORAGE_RETRY_SECONDS[-1])):
        try:
            await finish_in_hand(record().execute(change))
            return
        except StorageUnavailable:  # logged where it was seen
            await asyncio.sleep(delay)


@asynccontextmanager
async def consuming(
    broker: MessageBroker, record: Callable[[], RecordNotification]
) -> AsyncIterator[None]:
    """Consumes the service's queue in the background for as long as the block runs."""
    consumer = asyncio.create_task(
        broker.consume(QUEUE, ROUTING_KEYS, notification_handler(record)), name="broker consumer"
    )
    consumer.add_done_callback(_log_end)
    await asyncio.sleep(0)  # let the consumer bind its queue before requests come in
    try:
        yield
    finally:
        await stop(consumer)


def _log_end(consumer: "asyncio.Task[None]") -> None:
    if not consumer.cancelled() and consumer.exception() is not None:
        logger.opt(exception=consumer.exception()).error("the broker consumer stopped")
