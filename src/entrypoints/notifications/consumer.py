"""The notification service's side of the broker: every event change becomes a notification."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from loguru import logger

from adapters.messaging.codec import UndecodableMessage, decode
from application.cancellation import finish_in_hand
from application.ports.message_broker import BrokerMessage, MessageBroker, MessageHandler
from application.use_cases.record_notification import RecordNotification
from entrypoints.background import stop

QUEUE = "notifications"
ROUTING_KEYS = ("event.*",)


def notification_handler(record: Callable[[], RecordNotification]) -> MessageHandler:
    async def handle(message: BrokerMessage) -> None:
        try:
            change = decode(message)
        except UndecodableMessage:
            # Raised again so that the broker moves it aside (dead letters) after its retries.
            logger.error("undecodable message {} ({})", message.id, message.routing_key)
            raise
        await finish_in_hand(record().execute(change))

    return handle


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
